using Moq;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Presence;
using Transcendence.Application.Presence.ConnectUser;
using Transcendence.Application.Presence.DisconnectUser;

namespace Transcendence.Application.UnitTests.Presence;

/// <summary>The registries report a user's first arrival and last departure; friends hear only what changed a status.</summary>
public sealed class PresenceReportsTests
{
    private readonly Guid _alice = Guid.NewGuid();
    private readonly Guid _bob = Guid.NewGuid();
    private readonly Mock<IPresenceTracker> _presence = new();
    private readonly Mock<IPresenceAudience> _audience = new();
    private readonly Mock<IRealtimeNotifier> _notifier = new();

    [SetUp]
    public void Watchers() =>
        _audience.Setup(a => a.WatchersOfAsync(_alice, It.IsAny<CancellationToken>())).ReturnsAsync([_bob]);

    [Test]
    public async Task An_arrival_that_changes_the_status_tells_the_friends_the_status_now()
    {
        _presence.Setup(p => p.ArrivedAsync(_alice, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _presence.Setup(p => p.StatusOf(_alice)).Returns("online");

        await new ConnectUserHandler(_presence.Object, _audience.Object, _notifier.Object).Handle(new ConnectUser(_alice), CancellationToken.None);

        _notifier.Verify(n => n.ToUsers(new[] { _bob }, PresenceChanged.EventName, new PresenceChanged(_alice, "online")), Times.Once);
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task A_departure_that_changes_nothing_tells_nobody()
    {
        // The user's next arrival overtook it, or they are in a game.
        _presence.Setup(p => p.LeftAsync(_alice, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        await new DisconnectUserHandler(_presence.Object, _audience.Object, _notifier.Object).Handle(new DisconnectUser(_alice), CancellationToken.None);

        _presence.Verify(p => p.LeftAsync(_alice, It.IsAny<CancellationToken>()), Times.Once);
        _audience.VerifyNoOtherCalls();
        _notifier.VerifyNoOtherCalls();
    }
}
