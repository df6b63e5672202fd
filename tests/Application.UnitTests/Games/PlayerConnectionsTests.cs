using Transcendence.Application.GameServer;

namespace Transcendence.Application.UnitTests.Games;

public sealed class PlayerConnectionsTests
{
    [Test]
    public void A_connection_that_has_not_answered_the_previous_ping_is_lost_at_the_next_beat()
    {
        var connections = new PlayerConnections();
        var alice = Guid.NewGuid();
        connections.Connected(alice, "a1");
        connections.Connected(alice, "a2");

        var first = connections.Beat();
        first.Pinged.ShouldBe(["a1", "a2"], ignoreOrder: true);
        connections.Pong("a1", first.Seq);
        connections.Pong("a2", first.Seq - 1);

        var second = connections.Beat();
        second.LostConnections.ShouldBe([new LostConnection("a2", alice)]);
        second.LostUsers.ShouldBeEmpty();
        second.Pinged.ShouldBe(["a1"]);

        var third = connections.Beat();
        third.LostUsers.ShouldBe([alice]);
        connections.ConnectionsOf(alice).ShouldBeEmpty();
    }

    [Test]
    public void Only_the_last_connection_closing_loses_the_user()
    {
        var connections = new PlayerConnections();
        var alice = Guid.NewGuid();
        connections.Connected(alice, "a1");
        connections.Connected(alice, "a2");

        connections.Disconnected("a1", out _).ShouldBeFalse();
        connections.Disconnected("a2", out var userId).ShouldBeTrue();
        userId.ShouldBe(alice);
        connections.Disconnected("a2", out _).ShouldBeFalse();
    }
}
