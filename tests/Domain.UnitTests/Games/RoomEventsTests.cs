using Transcendence.Domain.Games;
using Transcendence.Domain.Users;
using static Transcendence.Domain.UnitTests.Games.GamePeople;

namespace Transcendence.Domain.UnitTests.Games;

public sealed class RoomEventsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private User _host = null!;
    private User _guest = null!;
    private User _watcher = null!;

    [SetUp]
    public void CreateUsers()
    {
        _host = NewUser("host");
        _guest = NewUser("guest");
        _watcher = NewUser("watcher");
    }

    [Test]
    public void Opening_a_room_is_recorded_and_taking_the_events_forgets_them()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Speed, T0);

        room.TakeEvents().ShouldBe([new RoomOpened(room.Id, RoomKind.Queue, GameMode.Speed, Ref(_host), null)]);
        room.TakeEvents().ShouldBeEmpty();
    }

    [Test]
    public void An_invitation_names_its_guest_and_accepting_it_matches_the_two()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);
        room.TakeEvents().ShouldBe([new RoomOpened(room.Id, RoomKind.Invitation, GameMode.Classic, Ref(_host), Ref(_guest))]);

        room.Accept(_guest.Id, BlocksOf(_guest, _host));

        var matched = room.TakeEvents().ShouldHaveSingleItem().ShouldBeOfType<PlayersMatched>();
        matched.Players.ShouldBe([Ref(_host), Ref(_guest)]);
        matched.Mode.ShouldBe(GameMode.Classic);
    }

    [Test]
    public void A_refused_command_records_nothing()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);
        room.TakeEvents();
        _host.Block(_guest);

        Should.Throw<Transcendence.Domain.Common.DomainException>(() => room.Join(Ref(_guest), BlocksOf(_guest, _host)));

        room.TakeEvents().ShouldBeEmpty();
    }

    [Test]
    public void Declining_is_recorded_before_the_closure()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);
        room.TakeEvents();

        room.Decline(_guest.Id, T0.AddSeconds(1));

        room.TakeEvents().ShouldBe([
            new InviteDeclined(room.Id, _host.Id, _guest.Id),
            new RoomClosed(room.Id, new RoomClosure(ClosedReason.Declined, _guest.Id, T0.AddSeconds(1))),
        ]);
    }

    [TestCase(ClosedReason.Canceled)]
    [TestCase(ClosedReason.Disconnected)]
    public void An_invitation_its_host_withdraws_leaves_or_loses_is_canceled(ClosedReason how)
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);
        room.TakeEvents();

        if (how == ClosedReason.Canceled)
        {
            room.Cancel(_host.Id, T0);
        }
        else
        {
            room.Disconnect(_host.Id, T0, Grace);
        }

        room.TakeEvents().ShouldBe([
            new InviteCanceled(room.Id, _host.Id, _guest.Id, how),
            new RoomClosed(room.Id, new RoomClosure(how, _host.Id, T0)),
        ]);
    }

    [Test]
    public void An_expired_invitation_is_recorded_as_expired_then_canceled_then_closed()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);
        room.TakeEvents();

        room.TryExpire(T0 + Timeout, Timeout);

        room.TakeEvents().ShouldBe([
            new WaitingExpired(room.Id, _host.Id),
            new InviteCanceled(room.Id, _host.Id, _guest.Id, ClosedReason.TimedOut),
            new RoomClosed(room.Id, new RoomClosure(ClosedReason.TimedOut, null, T0 + Timeout)),
        ]);
    }

    [Test]
    public void Leaving_the_queue_only_closes_the_room()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);
        room.TakeEvents();

        room.Leave(_host.Id, T0);

        room.TakeEvents().ShouldBe([new RoomClosed(room.Id, new RoomClosure(ClosedReason.Left, _host.Id, T0))]);
    }

    [Test]
    public void Settings_and_readiness_are_recorded_only_when_they_change()
    {
        var room = SettingsRoom();

        room.UpdateSettings(_host.Id, winningScore: GameSettings.DefaultWinningScore);
        room.SetReady(_guest.Id, false, T0);
        room.TakeEvents().ShouldBeEmpty();

        room.UpdateSettings(_host.Id, winningScore: 3);
        room.SetReady(_guest.Id, true, T0);
        room.SetReady(_guest.Id, true, T0);

        room.TakeEvents().ShouldBe([
            new SettingsChanged(room.Id, GameSettings.Create(3, GameSettings.Default.BallSpeed, GameSettings.Default.PaddleSize)),
            new ReadinessChanged(room.Id, _guest.Id, true),
        ]);
    }

    [Test]
    public void The_countdown_starts_stops_and_runs_out_into_play()
    {
        var room = SettingsRoom();
        room.SetReady(_host.Id, true, T0);
        room.SetReady(_guest.Id, true, T0);
        room.SetReady(_guest.Id, false, T0.AddSeconds(1));
        room.SetReady(_guest.Id, true, T0.AddSeconds(2));

        room.TakeEvents().ShouldBe([
            new ReadinessChanged(room.Id, _host.Id, true),
            new ReadinessChanged(room.Id, _guest.Id, true),
            new CountdownStarted(room.Id, T0.AddSeconds(3)),
            new ReadinessChanged(room.Id, _guest.Id, false),
            new CountdownStopped(room.Id, _guest.Id),
            new ReadinessChanged(room.Id, _guest.Id, true),
            new CountdownStarted(room.Id, T0.AddSeconds(5)),
        ]);

        room.Advance(T0.AddSeconds(5));

        var started = room.TakeEvents().ShouldHaveSingleItem().ShouldBeOfType<PlayStarted>();
        started.PlayerIds.ShouldBe([_host.Id, _guest.Id]);
        started.At.ShouldBe(T0.AddSeconds(5));
    }

    [Test]
    public void Ticks_record_points_and_the_finish_but_nothing_while_the_ball_just_moves()
    {
        var room = PlayingRoom(winningScore: 1);
        room.Tick(T0.AddSeconds(3));
        room.TakeEvents().ShouldBeEmpty();

        for (var i = 1; i < 100_000 && room.Phase == RoomPhase.Playing; i++)
        {
            room.Tick(T0.AddSeconds(3 + (i / 60.0)));
        }

        var events = room.TakeEvents();
        events.Count.ShouldBe(2);
        var point = events[0].ShouldBeOfType<Scored>();
        point.Score.Sum().ShouldBe(1);
        events[1].ShouldBe(new GameFinished(room.Id, room.Result!));
        room.Result!.WinnerId.ShouldBe(point.UserId);
    }

    [Test]
    public void Leaving_the_settings_is_recorded_as_the_player_leaving_then_the_closure()
    {
        var room = SettingsRoom();

        room.Disconnect(_guest.Id, T0.AddSeconds(1), Grace);

        room.TakeEvents().ShouldBe([
            new PlayerLeft(room.Id, _guest.Id, LeaveReason.Disconnected),
            new RoomClosed(room.Id, new RoomClosure(ClosedReason.Disconnected, _guest.Id, T0.AddSeconds(1))),
        ]);
    }

    [Test]
    public void Leaving_during_play_is_recorded_as_the_player_leaving_then_the_forfeit()
    {
        var room = PlayingRoom(winningScore: 5);

        room.Leave(_host.Id, T0.AddSeconds(9));

        room.TakeEvents().ShouldBe([
            new PlayerLeft(room.Id, _host.Id, LeaveReason.Left),
            new GameFinished(room.Id, room.Result!),
        ]);
        room.Result!.Reason.ShouldBe(MatchEndReason.Forfeit);
    }

    [Test]
    public void A_lost_connection_during_play_pauses_and_coming_back_resumes()
    {
        var room = PlayingRoom(winningScore: 5);

        room.Disconnect(_host.Id, T0.AddSeconds(10), Grace);

        var events = room.TakeEvents();
        events[0].ShouldBe(new PlayerDisconnected(room.Id, _host.Id, T0.AddSeconds(20)));
        events[1].ShouldBeOfType<GamePaused>().AwaitingReconnect.ShouldBe(new Dictionary<Guid, DateTimeOffset> { [_host.Id] = T0.AddSeconds(20) });
        events.Count.ShouldBe(2);

        room.Reconnect(_host.Id, T0.AddSeconds(12));

        room.TakeEvents().ShouldBe([new PlayerReconnected(room.Id, _host.Id), new GameResumed(room.Id)]);
    }

    [Test]
    public void Play_resumes_only_once_nobody_is_missing()
    {
        var room = PlayingRoom(winningScore: 5);
        room.Disconnect(_host.Id, T0.AddSeconds(10), Grace);
        room.Disconnect(_guest.Id, T0.AddSeconds(11), Grace);
        room.TakeEvents();

        room.Reconnect(_host.Id, T0.AddSeconds(12));
        room.TakeEvents().ShouldBe([new PlayerReconnected(room.Id, _host.Id)]);

        room.Reconnect(_guest.Id, T0.AddSeconds(13));
        room.TakeEvents().ShouldBe([new PlayerReconnected(room.Id, _guest.Id), new GameResumed(room.Id)]);
    }

    [Test]
    public void Without_a_grace_period_a_lost_connection_is_recorded_as_the_disconnection_then_the_finish()
    {
        var room = PlayingRoom(winningScore: 5);

        room.Disconnect(_guest.Id, T0.AddSeconds(10), TimeSpan.Zero);

        room.TakeEvents().ShouldBe([
            new PlayerDisconnected(room.Id, _guest.Id, T0.AddSeconds(10)),
            new GameFinished(room.Id, room.Result!),
        ]);
    }

    [Test]
    public void A_seat_lost_at_the_end_of_the_grace_period_finishes_the_game()
    {
        var room = PlayingRoom(winningScore: 5);
        room.Disconnect(_guest.Id, T0.AddSeconds(10), Grace);
        room.TakeEvents();

        room.Reconnect(_guest.Id, T0.AddSeconds(30)).ShouldBeFalse();

        room.TakeEvents().ShouldBe([new GameFinished(room.Id, room.Result!)]);
        room.Result!.Reason.ShouldBe(MatchEndReason.Disconnected);
    }

    [Test]
    public void Spectators_coming_and_going_are_recorded_once_each()
    {
        var room = SettingsRoom();

        room.Spectate(Ref(_watcher), BlocksOf(_watcher, _host, _guest));
        room.Spectate(Ref(_watcher), BlocksOf(_watcher, _host, _guest));
        room.StopSpectating(_watcher.Id);
        room.StopSpectating(_watcher.Id);

        room.TakeEvents().ShouldBe([new SpectatorJoined(room.Id, Ref(_watcher)), new SpectatorLeft(room.Id, _watcher.Id)]);
    }

    [Test]
    public void An_ended_room_records_nothing_more()
    {
        var room = PlayingRoom(winningScore: 5);
        room.Leave(_host.Id, T0.AddSeconds(9));
        room.TakeEvents();

        room.Leave(_guest.Id, T0.AddSeconds(10));
        room.Disconnect(_guest.Id, T0.AddSeconds(10), Grace);
        room.Advance(T0.AddHours(1));
        room.Tick(T0.AddHours(1));

        room.TakeEvents().ShouldBeEmpty();
    }

    private Room SettingsRoom()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);
        room.Join(Ref(_guest), BlocksOf(_guest, _host));
        room.TakeEvents();
        return room;
    }

    private Room PlayingRoom(int winningScore)
    {
        var room = SettingsRoom();
        room.UpdateSettings(_host.Id, winningScore: winningScore);
        room.SetReady(_host.Id, true, T0);
        room.SetReady(_guest.Id, true, T0);
        room.Advance(T0 + Room.CountdownDuration);
        room.TakeEvents();
        return room;
    }
}
