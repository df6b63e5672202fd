using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;
using Transcendence.Infrastructure.Presence;

namespace Transcendence.Infrastructure.IntegrationTests.Presence;

/// <summary>
/// What every <see cref="IPresenceTracker"/> promises, told only a user's first arrival on an instance and last
/// departure from it (the hubs' registries decide those); a shared twin runs the same fixture.
/// </summary>
public abstract class PresenceTrackerContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract IPresenceTracker NewTracker();

    [Test]
    public async Task A_user_is_online_from_their_arrival_until_they_leave_and_each_flip_is_reported_once()
    {
        var presence = NewTracker();
        var alice = Guid.NewGuid();
        presence.StatusOf(alice).ShouldBe(UserStatus.Offline);

        (await presence.ArrivedAsync(alice, None)).ShouldBeTrue();
        presence.StatusOf(alice).ShouldBe(UserStatus.Online);
        presence.StatusOf(Guid.NewGuid()).ShouldBe(UserStatus.Offline);

        (await presence.LeftAsync(alice, None)).ShouldBeTrue();
        presence.StatusOf(alice).ShouldBe(UserStatus.Offline);
    }

    [Test]
    public async Task A_departure_and_an_arrival_that_race_end_online_in_either_order()
    {
        // One tab closes as another opens: the registries decided "left", then "arrived", but the reports may land reversed.
        var presence = NewTracker();
        var alice = Guid.NewGuid();
        await presence.ArrivedAsync(alice, None);

        (await presence.ArrivedAsync(alice, None)).ShouldBeFalse("the arrival that overtook the departure changes nothing");
        (await presence.LeftAsync(alice, None)).ShouldBeFalse("the departure it overtook changes nothing either");
        presence.StatusOf(alice).ShouldBe(UserStatus.Online);

        (await presence.LeftAsync(alice, None)).ShouldBeTrue();
        (await presence.ArrivedAsync(alice, None)).ShouldBeTrue("in the decided order the user was briefly away");
        presence.StatusOf(alice).ShouldBe(UserStatus.Online);
    }

    [Test]
    public async Task Playing_shows_in_game_over_online_and_offline_and_ending_it_shows_what_is_left()
    {
        var presence = NewTracker();
        var alice = Guid.NewGuid();
        await presence.ArrivedAsync(alice, None);

        (await presence.SetInGameAsync(alice, true, None)).ShouldBeTrue();
        presence.StatusOf(alice).ShouldBe(UserStatus.InGame);
        (await presence.SetInGameAsync(alice, true, None)).ShouldBeFalse();
        (await presence.LeftAsync(alice, None)).ShouldBeFalse("a player who lost their connections is still in the game");
        presence.StatusOf(alice).ShouldBe(UserStatus.InGame);

        (await presence.SetInGameAsync(alice, false, None)).ShouldBeTrue();
        presence.StatusOf(alice).ShouldBe(UserStatus.Offline);
    }
}

public sealed class InProcessPresenceTrackerTests : PresenceTrackerContract
{
    protected override IPresenceTracker NewTracker() => new InProcessPresenceTracker();
}
