using Transcendence.Domain.Common;
using Transcendence.Domain.Games;
using Transcendence.Domain.Users;
using static Transcendence.Domain.UnitTests.Games.GamePeople;

namespace Transcendence.Domain.UnitTests.Games;

public sealed class RoomTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private User _host = null!;
    private User _guest = null!;
    private User _stranger = null!;

    [SetUp]
    public void CreateUsers()
    {
        _host = NewUser("host");
        _guest = NewUser("guest");
        _stranger = NewUser("stranger");
    }

    // ---- queue rooms ----

    [Test]
    public void A_queue_room_opens_waiting_with_its_host_as_the_left_player()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Speed, T0);

        room.Kind.ShouldBe(RoomKind.Queue);
        room.Mode.ShouldBe(GameMode.Speed);
        room.Phase.ShouldBe(RoomPhase.Waiting);
        room.Players.ShouldBe([Ref(_host)]);
        room.Host.ShouldBe(Ref(_host));
        room.Id.Version.ShouldBe(7);
        room.CreatedAt.ShouldBe(T0);
        room.Settings.ShouldBe(GameSettings.Default);
    }

    [Test]
    public void A_waiting_queue_room_can_be_joined_by_someone_else_queueing_for_its_mode()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);

        room.CanBeJoinedBy(_guest.Id, BlocksOf(_guest, _host)).ShouldBeTrue();
        room.CanBeJoinedBy(_guest.Id, GameMode.Classic, BlocksOf(_guest, _host)).ShouldBeTrue();
        room.CanBeJoinedBy(_guest.Id, GameMode.Speed, BlocksOf(_guest, _host)).ShouldBeFalse();
        room.CanBeJoinedBy(_host.Id, BlocksOf(_host, _host)).ShouldBeFalse();
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_queue_room_cannot_be_joined_across_a_block_in_either_direction(bool hostBlocks)
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);
        Block(hostBlocks);

        room.CanBeJoinedBy(_guest.Id, BlocksOf(_guest, _host)).ShouldBeFalse();
        Should.Throw<DomainException>(() => room.Join(Ref(_guest), BlocksOf(_guest, _host))).Code.ShouldBe("game.blocked");
        room.Phase.ShouldBe(RoomPhase.Waiting);
    }

    [Test]
    public void Joining_a_queue_room_makes_the_joiner_the_right_player_and_opens_the_settings()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);

        room.Join(Ref(_guest), BlocksOf(_guest, _host));

        room.Phase.ShouldBe(RoomPhase.Settings);
        room.Players.ShouldBe([Ref(_host), Ref(_guest)]);
        room.Ready.ShouldBe([false, false]);
        room.CanBeJoinedBy(_stranger.Id, BlocksOf(_stranger, _host)).ShouldBeFalse();
    }

    [Test]
    public void A_full_room_cannot_be_joined() =>
        Should.Throw<DomainException>(() => SettingsRoom().Join(Ref(_stranger), BlocksOf(_stranger, _host))).Code.ShouldBe("game.wrong_phase");

    [Test]
    public void The_host_cannot_join_their_own_room() =>
        Should.Throw<DomainException>(() => Room.OpenQueue(Ref(_host), GameMode.Classic, T0).Join(Ref(_host), BlocksOf(_host, _host))).Code.ShouldBe("game.already_in_room");

    // ---- invitation rooms ----

    [Test]
    public void An_invitation_room_waits_for_the_invited_user_and_is_never_offered_by_the_queue()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Speed, T0);

        room.Kind.ShouldBe(RoomKind.Invitation);
        room.Phase.ShouldBe(RoomPhase.Waiting);
        room.InvitedUser.ShouldBe(Ref(_guest));
        room.Players.ShouldBe([Ref(_host)]);
        room.CanBeJoinedBy(_guest.Id, BlocksOf(_guest, _host)).ShouldBeFalse();
        room.CanBeJoinedBy(_stranger.Id, GameMode.Speed, BlocksOf(_stranger, _host)).ShouldBeFalse();
        Should.Throw<DomainException>(() => room.Join(Ref(_guest), BlocksOf(_guest, _host))).Code.ShouldBe("game.not_invited");
    }

    [Test]
    public void Inviting_yourself_is_refused() =>
        Should.Throw<DomainException>(() => Room.OpenInvitation(Ref(_host), Ref(_host), BlocksOf(_host, _host), GameMode.Classic, T0)).Code.ShouldBe("validation");

    [TestCase(true)]
    [TestCase(false)]
    public void An_invitation_across_a_block_is_refused(bool hostBlocks)
    {
        Block(hostBlocks);

        Should.Throw<DomainException>(() => Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0)).Code.ShouldBe("game.blocked");
    }

    [Test]
    public void Accepting_an_invitation_opens_the_settings_with_the_guest_on_the_right()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);

        room.Accept(_guest.Id, BlocksOf(_guest, _host));

        room.Phase.ShouldBe(RoomPhase.Settings);
        room.Players.ShouldBe([Ref(_host), Ref(_guest)]);
    }

    [Test]
    public void Only_the_invited_user_may_accept_or_decline()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);

        Should.Throw<DomainException>(() => room.Accept(_stranger.Id, BlocksOf(_stranger, _host))).Code.ShouldBe("game.not_invited");
        Should.Throw<DomainException>(() => room.Accept(_host.Id, BlocksOf(_host, _host))).Code.ShouldBe("game.not_invited");
        Should.Throw<DomainException>(() => room.Decline(_stranger.Id, T0)).Code.ShouldBe("game.not_invited");
        room.Phase.ShouldBe(RoomPhase.Waiting);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Accepting_after_a_block_came_between_the_two_is_refused(bool hostBlocks)
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);
        Block(hostBlocks);

        Should.Throw<DomainException>(() => room.Accept(_guest.Id, BlocksOf(_guest, _host))).Code.ShouldBe("game.blocked");
        room.Phase.ShouldBe(RoomPhase.Waiting);
    }

    [Test]
    public void Declining_closes_the_room()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);

        room.Decline(_guest.Id, T0.AddSeconds(2));

        room.Phase.ShouldBe(RoomPhase.Closed);
        room.Closure.ShouldBe(new RoomClosure(ClosedReason.Declined, _guest.Id, T0.AddSeconds(2)));
    }

    [Test]
    public void Cancelling_closes_the_room_and_a_later_accept_is_refused()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);

        room.Cancel(_host.Id, T0.AddSeconds(1));

        room.Closure.ShouldBe(new RoomClosure(ClosedReason.Canceled, _host.Id, T0.AddSeconds(1)));
        Should.Throw<DomainException>(() => room.Accept(_guest.Id, BlocksOf(_guest, _host))).Code.ShouldBe("game.wrong_phase");
    }

    [Test]
    public void Only_the_host_may_cancel_an_invitation()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);
        room.Accept(_guest.Id, BlocksOf(_guest, _host));

        Should.Throw<DomainException>(() => room.Cancel(_guest.Id, T0)).Code.ShouldBe("game.not_host");
        Should.Throw<DomainException>(() => room.Cancel(_stranger.Id, T0)).Code.ShouldBe("game.not_in_room");
        Should.Throw<DomainException>(() => room.Cancel(_host.Id, T0)).Code.ShouldBe("game.wrong_phase");
    }

    [Test]
    public void A_queue_room_is_not_an_invitation()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);

        Should.Throw<DomainException>(() => room.Cancel(_host.Id, T0)).Code.ShouldBe("game.not_found");
        Should.Throw<DomainException>(() => room.Accept(_guest.Id, BlocksOf(_guest, _host))).Code.ShouldBe("game.not_found");
        Should.Throw<DomainException>(() => room.Decline(_guest.Id, T0)).Code.ShouldBe("game.not_found");
    }

    [Test]
    public void An_accepted_invitation_cannot_be_accepted_or_declined_again()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);
        room.Accept(_guest.Id, BlocksOf(_guest, _host));

        Should.Throw<DomainException>(() => room.Accept(_guest.Id, BlocksOf(_guest, _host))).Code.ShouldBe("game.wrong_phase");
        Should.Throw<DomainException>(() => room.Decline(_guest.Id, T0)).Code.ShouldBe("game.wrong_phase");
    }

    // ---- expiry ----

    [Test]
    public void A_waiting_room_expires_once_it_has_waited_the_whole_timeout()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);

        room.IsExpired(T0 + Timeout - TimeSpan.FromMilliseconds(1), Timeout).ShouldBeFalse();
        room.IsExpired(T0 + Timeout, Timeout).ShouldBeTrue();
    }

    [Test]
    public void An_unanswered_invitation_expires_too() =>
        Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0).IsExpired(T0 + Timeout, Timeout).ShouldBeTrue();

    [Test]
    public void A_room_past_waiting_never_expires() =>
        SettingsRoom().IsExpired(T0.AddDays(1), Timeout).ShouldBeFalse();

    [Test]
    public void Expiring_closes_a_room_as_timed_out_by_nobody()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);

        room.TryExpire(T0 + Timeout - TimeSpan.FromSeconds(1), Timeout).ShouldBeFalse();
        room.Phase.ShouldBe(RoomPhase.Waiting);

        room.TryExpire(T0 + Timeout, Timeout).ShouldBeTrue();
        room.Phase.ShouldBe(RoomPhase.Closed);
        room.Closure.ShouldBe(new RoomClosure(ClosedReason.TimedOut, null, T0 + Timeout));
        room.CanBeJoinedBy(_guest.Id, BlocksOf(_guest, _host)).ShouldBeFalse();
        room.TryExpire(T0 + Timeout + Timeout, Timeout).ShouldBeFalse();
    }

    // ---- settings ----

    [Test]
    public void The_host_changes_any_subset_of_the_settings_and_the_rest_keep_their_values()
    {
        var room = SettingsRoom();

        room.UpdateSettings(_host.Id, winningScore: 11);
        room.UpdateSettings(_host.Id, paddleSize: 120);

        room.Settings.WinningScore.ShouldBe(11);
        room.Settings.BallSpeed.ShouldBe(1.0);
        room.Settings.PaddleSize.ShouldBe(120);

        room.UpdateSettings(_host.Id, 21, 2.0, 40);
        room.Settings.ShouldBe(GameSettings.Create(21, 2.0, 40));
    }

    [TestCase(0, null, null)]
    [TestCase(22, null, null)]
    [TestCase(null, 0.49, null)]
    [TestCase(null, 2.01, null)]
    [TestCase(null, double.NaN, null)]
    [TestCase(null, null, 39)]
    [TestCase(null, null, 161)]
    [TestCase(7, 1.5, 500)]
    public void Out_of_range_settings_are_refused_whole(int? winningScore, double? ballSpeed, int? paddleSize)
    {
        var room = SettingsRoom();

        Should.Throw<DomainException>(() => room.UpdateSettings(_host.Id, winningScore, ballSpeed, paddleSize)).Code.ShouldBe("validation");
        room.Settings.ShouldBe(GameSettings.Default);
    }

    [Test]
    public void Only_the_host_changes_the_settings()
    {
        var room = SettingsRoom();
        room.Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest));

        Should.Throw<DomainException>(() => room.UpdateSettings(_guest.Id, winningScore: 3)).Code.ShouldBe("game.not_host");
        Should.Throw<DomainException>(() => room.UpdateSettings(_stranger.Id, winningScore: 3)).Code.ShouldBe("game.not_in_room");
        room.Settings.ShouldBe(GameSettings.Default);
    }

    [Test]
    public void Settings_change_only_in_the_settings_phase()
    {
        var waiting = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);
        Should.Throw<DomainException>(() => waiting.UpdateSettings(_host.Id, winningScore: 3)).Code.ShouldBe("game.wrong_phase");

        var countdown = CountdownRoom();
        Should.Throw<DomainException>(() => countdown.UpdateSettings(_host.Id, winningScore: 3)).Code.ShouldBe("game.wrong_phase");

        var playing = PlayingRoom();
        Should.Throw<DomainException>(() => playing.UpdateSettings(_host.Id, winningScore: 3)).Code.ShouldBe("game.wrong_phase");
    }

    [Test]
    public void A_settings_change_clears_both_players_readiness()
    {
        var room = SettingsRoom();
        room.SetReady(_guest.Id, true, T0);

        room.UpdateSettings(_host.Id, ballSpeed: 1.5);

        room.Ready.ShouldBe([false, false]);
        room.Phase.ShouldBe(RoomPhase.Settings);
    }

    [Test]
    public void Sending_the_same_settings_again_keeps_readiness()
    {
        var room = SettingsRoom();
        room.SetReady(_guest.Id, true, T0);

        room.UpdateSettings(_host.Id, winningScore: GameSettings.DefaultWinningScore);

        room.Ready.ShouldBe([false, true]);
    }

    // ---- readiness and countdown ----

    [Test]
    public void One_ready_player_is_not_enough()
    {
        var room = SettingsRoom();

        room.SetReady(_host.Id, true, T0);

        room.Ready.ShouldBe([true, false]);
        room.Phase.ShouldBe(RoomPhase.Settings);
        room.Game.ShouldBeNull();
    }

    [Test]
    public void Both_ready_starts_a_three_second_countdown_recorded_from_now()
    {
        var room = SettingsRoom();
        room.SetReady(_host.Id, true, T0);

        room.SetReady(_guest.Id, true, T0.AddSeconds(5));

        room.Phase.ShouldBe(RoomPhase.Countdown);
        room.CountdownStartedAt.ShouldBe(T0.AddSeconds(5));
        room.CountdownEndsAt.ShouldBe(T0.AddSeconds(8));
        room.Game.ShouldNotBeNull();
        room.Game.PlayerIds.ShouldBe([_host.Id, _guest.Id]);
    }

    [Test]
    public void Play_starts_when_the_countdown_has_run_out()
    {
        var room = CountdownRoom();

        room.Advance(T0.AddSeconds(3).AddMilliseconds(-1)).ShouldBeFalse();
        room.Phase.ShouldBe(RoomPhase.Countdown);
        room.Tick(T0.AddSeconds(2)).ShouldBeNull();

        room.Advance(T0.AddSeconds(3)).ShouldBeTrue();
        room.Phase.ShouldBe(RoomPhase.Playing);
        room.StartedAt.ShouldBe(T0.AddSeconds(3));
        room.Tick(T0.AddSeconds(3)).ShouldNotBeNull();
    }

    [Test]
    public void Unreadying_during_the_countdown_goes_back_to_settings()
    {
        var room = CountdownRoom();

        room.SetReady(_guest.Id, false, T0.AddSeconds(1));

        room.Phase.ShouldBe(RoomPhase.Settings);
        room.Ready.ShouldBe([true, false]);
        room.CountdownStartedAt.ShouldBeNull();
        room.Game.ShouldBeNull();
        room.Advance(T0.AddSeconds(10)).ShouldBeFalse();
    }

    [Test]
    public void Readiness_belongs_to_players_in_the_settings_or_countdown()
    {
        Should.Throw<DomainException>(() => SettingsRoom().SetReady(_stranger.Id, true, T0)).Code.ShouldBe("game.not_in_room");
        Should.Throw<DomainException>(() => Room.OpenQueue(Ref(_host), GameMode.Classic, T0).SetReady(_host.Id, true, T0)).Code.ShouldBe("game.wrong_phase");
        Should.Throw<DomainException>(() => PlayingRoom().SetReady(_host.Id, false, T0)).Code.ShouldBe("game.wrong_phase");
    }

    [Test]
    public void Advancing_a_room_with_nothing_due_changes_nothing()
    {
        Room.OpenQueue(Ref(_host), GameMode.Classic, T0).Advance(T0.AddHours(1)).ShouldBeFalse();
        SettingsRoom().Advance(T0.AddHours(1)).ShouldBeFalse();
        PlayingRoom().Advance(T0.AddHours(1)).ShouldBeFalse();
    }

    [Test]
    public void The_game_takes_the_room_settings_and_mode()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Speed, T0);
        room.Join(Ref(_guest), BlocksOf(_guest, _host));
        room.UpdateSettings(_host.Id, 3, 2.0, 40);
        room.SetReady(_host.Id, true, T0);
        room.SetReady(_guest.Id, true, T0);

        room.Game!.Settings.ShouldBe(GameSettings.Create(3, 2.0, 40));
        room.Game.Mode.ShouldBe(GameMode.Speed);
        room.Game.PaddleHeight.ShouldBe(40);
    }

    // ---- input and play ----

    [Test]
    public void An_input_held_during_the_countdown_moves_the_paddle_from_the_first_tick()
    {
        var room = CountdownRoom();
        room.Input(_host.Id, new PaddleInput(Up: true, Down: false, Seq: 1)).ShouldBeTrue();
        var startY = room.Game!.Snapshot().Paddles[0].Y;

        room.Advance(T0.AddSeconds(3));
        var state = room.Tick(T0.AddSeconds(3))!.State;

        state.Paddles[0].Y.ShouldBe(startY - PongGame.PaddleSpeed);
        state.Paddles[1].Y.ShouldBe(startY);
    }

    [Test]
    public void Only_players_send_input_and_only_around_play()
    {
        var room = PlayingRoom();
        room.Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest));

        Should.Throw<DomainException>(() => room.Input(_stranger.Id, new PaddleInput(true, false, 1))).Code.ShouldBe("game.not_in_room");
        Should.Throw<DomainException>(() => SettingsRoom().Input(_host.Id, new PaddleInput(true, false, 1))).Code.ShouldBe("game.wrong_phase");
    }

    [Test]
    public void A_stale_input_is_ignored()
    {
        var room = PlayingRoom();

        room.Input(_guest.Id, new PaddleInput(false, true, 5)).ShouldBeTrue();
        room.Input(_guest.Id, new PaddleInput(true, false, 4)).ShouldBeFalse();
    }

    [Test]
    public void Reaching_the_winning_score_finishes_the_room_with_the_match()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);
        room.Join(Ref(_guest), BlocksOf(_guest, _host));
        room.UpdateSettings(_host.Id, winningScore: 1);
        room.SetReady(_host.Id, true, T0);
        room.SetReady(_guest.Id, true, T0);
        room.Advance(T0.AddSeconds(3));

        TickResult? last = null;
        for (var i = 0; i < 100_000 && room.Phase == RoomPhase.Playing; i++)
        {
            last = room.Tick(T0.AddSeconds(3 + (i / 60.0)));
        }

        room.Phase.ShouldBe(RoomPhase.Finished);
        last!.IsOver.ShouldBeTrue();
        var match = room.Result!;
        match.Id.ShouldBe(room.Id);
        match.Reason.ShouldBe(MatchEndReason.Score);
        match.WinnerId.ShouldBe(last.Scored!.UserId);
        match.PlayerIds.ShouldBe([_host.Id, _guest.Id]);
        match.Score.Sum().ShouldBe(1);
        match.Score[match.IndexOf(match.WinnerId)].ShouldBe(1);
        match.Settings.WinningScore.ShouldBe(1);
        match.Mode.ShouldBe(GameMode.Classic);
        match.StartedAt.ShouldBe(T0.AddSeconds(3));
        match.EndedAt.ShouldBeGreaterThan(match.StartedAt);
        room.Tick(T0.AddHours(1)).ShouldBeNull();
    }

    // ---- leaving ----

    [Test]
    public void Leaving_the_queue_closes_the_waiting_room()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);

        room.Leave(_host.Id, T0.AddSeconds(4));

        room.Closure.ShouldBe(new RoomClosure(ClosedReason.Left, _host.Id, T0.AddSeconds(4)));
    }

    [Test]
    public void The_host_leaving_an_unanswered_invitation_cancels_it()
    {
        var room = Room.OpenInvitation(Ref(_host), Ref(_guest), BlocksOf(_host, _guest), GameMode.Classic, T0);

        room.Leave(_host.Id, T0);

        room.Closure!.Reason.ShouldBe(ClosedReason.Canceled);
    }

    [Test]
    public void A_player_leaving_the_settings_room_closes_it_naming_who_left()
    {
        var room = SettingsRoom();

        room.Leave(_guest.Id, T0.AddSeconds(1));

        room.Phase.ShouldBe(RoomPhase.Closed);
        room.Closure.ShouldBe(new RoomClosure(ClosedReason.Left, _guest.Id, T0.AddSeconds(1)));
        room.Result.ShouldBeNull();
    }

    [Test]
    public void A_player_leaving_during_the_countdown_closes_the_room()
    {
        var room = CountdownRoom();

        room.Leave(_host.Id, T0.AddSeconds(1));

        room.Closure.ShouldBe(new RoomClosure(ClosedReason.Left, _host.Id, T0.AddSeconds(1)));
        room.Game.ShouldBeNull();
        room.Advance(T0.AddSeconds(5)).ShouldBeFalse();
    }

    [Test]
    public void Leaving_during_play_forfeits_to_the_other_player()
    {
        var room = PlayingRoom();
        room.Tick(T0.AddSeconds(3));

        room.Leave(_host.Id, T0.AddSeconds(20));

        room.Phase.ShouldBe(RoomPhase.Finished);
        var match = room.Result!;
        match.WinnerId.ShouldBe(_guest.Id);
        match.LoserId.ShouldBe(_host.Id);
        match.Reason.ShouldBe(MatchEndReason.Forfeit);
        match.Score.ShouldBe([0, 0]);
        match.EndedAt.ShouldBe(T0.AddSeconds(20));
    }

    [Test]
    public void Leaving_a_finished_room_changes_nothing()
    {
        var room = PlayingRoom();
        room.Leave(_host.Id, T0.AddSeconds(20));

        room.Leave(_guest.Id, T0.AddSeconds(21));

        room.Result!.WinnerId.ShouldBe(_guest.Id);
        room.Result.Reason.ShouldBe(MatchEndReason.Forfeit);
    }

    [Test]
    public void Someone_not_in_the_room_cannot_leave_it() =>
        Should.Throw<DomainException>(() => SettingsRoom().Leave(_stranger.Id, T0)).Code.ShouldBe("game.not_in_room");

    // ---- lost connections ----

    [Test]
    public void A_lost_connection_before_play_closes_the_room_as_disconnected()
    {
        var waiting = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);
        waiting.Disconnect(_host.Id, T0.AddSeconds(1), Grace);
        waiting.Closure.ShouldBe(new RoomClosure(ClosedReason.Disconnected, _host.Id, T0.AddSeconds(1)));

        var settings = SettingsRoom();
        settings.Disconnect(_guest.Id, T0.AddSeconds(1), Grace);
        settings.Closure.ShouldBe(new RoomClosure(ClosedReason.Disconnected, _guest.Id, T0.AddSeconds(1)));

        var countdown = CountdownRoom();
        countdown.Disconnect(_host.Id, T0.AddSeconds(1), Grace);
        countdown.Closure!.Reason.ShouldBe(ClosedReason.Disconnected);
    }

    [Test]
    public void A_lost_connection_during_play_pauses_the_game_and_keeps_the_seat()
    {
        var room = PlayingRoom();

        room.Disconnect(_host.Id, T0.AddSeconds(10), Grace);

        room.Phase.ShouldBe(RoomPhase.Playing);
        room.IsPaused.ShouldBeTrue();
        room.AwaitingReconnect.ShouldBe(new Dictionary<Guid, DateTimeOffset> { [_host.Id] = T0.AddSeconds(20) });
        room.Tick(T0.AddSeconds(11)).ShouldBeNull();
        room.Advance(T0.AddSeconds(20).AddMilliseconds(-1)).ShouldBeFalse();
    }

    [Test]
    public void A_player_back_within_the_grace_period_resumes_the_game()
    {
        var room = PlayingRoom();
        room.Tick(T0.AddSeconds(3));
        room.Input(_host.Id, new PaddleInput(true, false, 100));
        room.Disconnect(_host.Id, T0.AddSeconds(10), Grace);

        room.Reconnect(_host.Id, T0.AddSeconds(19)).ShouldBeTrue();

        room.IsPaused.ShouldBeFalse();
        room.AwaitingReconnect.ShouldBeEmpty();
        room.Tick(T0.AddSeconds(19))!.State.Tick.ShouldBe(2);
        // The new connection counts its inputs afresh.
        room.Input(_host.Id, new PaddleInput(false, true, 1)).ShouldBeTrue();
        room.Advance(T0.AddSeconds(30)).ShouldBeFalse();
    }

    [Test]
    public void A_dropped_paddle_stops_moving()
    {
        var room = PlayingRoom();
        room.Input(_host.Id, new PaddleInput(true, false, 1));
        room.Disconnect(_host.Id, T0.AddSeconds(10), Grace);
        room.Reconnect(_host.Id, T0.AddSeconds(11));
        var before = room.Game!.Snapshot().Paddles[0].Y;

        var after = room.Tick(T0.AddSeconds(11))!.State.Paddles[0].Y;

        after.ShouldBe(before);
    }

    [Test]
    public void A_player_not_back_within_the_grace_period_loses_by_disconnection()
    {
        var room = PlayingRoom();
        room.Disconnect(_guest.Id, T0.AddSeconds(10), Grace);

        room.Advance(T0.AddSeconds(20)).ShouldBeTrue();

        room.Phase.ShouldBe(RoomPhase.Finished);
        room.Result!.WinnerId.ShouldBe(_host.Id);
        room.Result.Reason.ShouldBe(MatchEndReason.Disconnected);
        room.Result.EndedAt.ShouldBe(T0.AddSeconds(20));
        room.IsPaused.ShouldBeFalse();
    }

    [Test]
    public void Reconnecting_after_the_grace_period_is_too_late()
    {
        var room = PlayingRoom();
        room.Disconnect(_guest.Id, T0.AddSeconds(10), Grace);

        room.Reconnect(_guest.Id, T0.AddSeconds(25)).ShouldBeFalse();

        room.Result!.WinnerId.ShouldBe(_host.Id);
        room.Result.Reason.ShouldBe(MatchEndReason.Disconnected);
    }

    [Test]
    public void With_both_players_gone_the_first_to_go_loses()
    {
        var room = PlayingRoom();
        room.Disconnect(_guest.Id, T0.AddSeconds(10), Grace);
        room.Disconnect(_host.Id, T0.AddSeconds(12), Grace);

        room.Advance(T0.AddSeconds(30)).ShouldBeTrue();

        room.Result!.WinnerId.ShouldBe(_host.Id);
    }

    [Test]
    public void Losing_the_connection_again_keeps_the_first_deadline()
    {
        var room = PlayingRoom();
        room.Disconnect(_host.Id, T0.AddSeconds(10), Grace);
        room.Disconnect(_host.Id, T0.AddSeconds(15), Grace);

        room.Advance(T0.AddSeconds(20)).ShouldBeTrue();

        room.Result!.WinnerId.ShouldBe(_guest.Id);
    }

    [Test]
    public void Without_a_grace_period_a_lost_connection_ends_the_game_at_once()
    {
        var room = PlayingRoom();

        room.Disconnect(_host.Id, T0.AddSeconds(10), TimeSpan.Zero);

        room.Result!.WinnerId.ShouldBe(_guest.Id);
        room.Result.Reason.ShouldBe(MatchEndReason.Disconnected);
    }

    [Test]
    public void Leaving_while_the_opponent_is_away_forfeits()
    {
        var room = PlayingRoom();
        room.Disconnect(_guest.Id, T0.AddSeconds(10), Grace);

        room.Leave(_host.Id, T0.AddSeconds(11));

        room.Result!.WinnerId.ShouldBe(_guest.Id);
        room.Result.Reason.ShouldBe(MatchEndReason.Forfeit);
    }

    [Test]
    public void Reconnecting_a_player_who_never_left_changes_nothing()
    {
        var room = PlayingRoom();

        room.Reconnect(_host.Id, T0.AddSeconds(5)).ShouldBeFalse();

        room.IsPaused.ShouldBeFalse();
        Should.Throw<DomainException>(() => room.Reconnect(_stranger.Id, T0)).Code.ShouldBe("game.not_in_room");
        Should.Throw<DomainException>(() => room.Disconnect(_stranger.Id, T0, Grace)).Code.ShouldBe("game.not_in_room");
    }

    // ---- spectators ----

    [Test]
    public void Spectators_watch_from_the_settings_to_the_end_of_play()
    {
        var room = SettingsRoom();
        room.Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest));
        room.Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest));

        room.Spectators.ShouldBe([Ref(_stranger)]);
        room.IsSpectator(_stranger.Id).ShouldBeTrue();
        room.IsPlayer(_stranger.Id).ShouldBeFalse();
    }

    [Test]
    public void Nobody_spectates_a_waiting_or_ended_room()
    {
        Should.Throw<DomainException>(() => Room.OpenQueue(Ref(_host), GameMode.Classic, T0).Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest))).Code.ShouldBe("game.wrong_phase");

        var finished = PlayingRoom();
        finished.Leave(_host.Id, T0.AddSeconds(5));
        Should.Throw<DomainException>(() => finished.Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest))).Code.ShouldBe("game.wrong_phase");
    }

    [Test]
    public void Nobody_spectates_across_a_block_with_either_player_either_way()
    {
        _host.Block(_stranger);
        Should.Throw<DomainException>(() => SettingsRoom().Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest))).Code.ShouldBe("game.blocked");
        _host.Unblock(_stranger);

        _stranger.Block(_guest);
        Should.Throw<DomainException>(() => SettingsRoom().Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest))).Code.ShouldBe("game.blocked");
        _stranger.Unblock(_guest);

        SettingsRoom().Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest));
    }

    [Test]
    public void A_block_a_player_made_after_sitting_down_counts_when_the_caller_has_them_as_stored_now()
    {
        var room = SettingsRoom();
        var hostNow = User.Rehydrate(_host.Id, _host.Login, _host.DisplayName.Value, _host.CreatedAt, [_stranger.Id]);

        Should.Throw<DomainException>(() => room.Spectate(Ref(_stranger), BlocksOf(_stranger, hostNow, _guest))).Code.ShouldBe("game.blocked");
        room.Spectators.ShouldBeEmpty();
    }

    [Test]
    public void A_player_cannot_spectate_their_own_room() =>
        Should.Throw<DomainException>(() => SettingsRoom().Spectate(Ref(_guest), BlocksOf(_guest, _host, _guest))).Code.ShouldBe("game.already_in_room");

    [Test]
    public void A_spectator_cannot_play()
    {
        var room = SettingsRoom();
        room.Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest));

        Should.Throw<DomainException>(() => room.SetReady(_stranger.Id, true, T0)).Code.ShouldBe("game.not_in_room");
    }

    [Test]
    public void Spectators_stop_watching_by_asking_leaving_or_losing_their_connection()
    {
        var room = PlayingRoom();
        var second = NewUser("second");
        var third = NewUser("third");
        room.Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest));
        room.Spectate(Ref(second), BlocksOf(second, _host, _guest));
        room.Spectate(Ref(third), BlocksOf(third, _host, _guest));

        room.StopSpectating(_stranger.Id).ShouldBeTrue();
        room.StopSpectating(_stranger.Id).ShouldBeFalse();
        room.Leave(second.Id, T0.AddSeconds(5));
        room.Disconnect(third.Id, T0.AddSeconds(5), Grace);

        room.Spectators.ShouldBeEmpty();
        room.Phase.ShouldBe(RoomPhase.Playing);
        room.IsPaused.ShouldBeFalse();
    }

    [Test]
    public void The_match_names_everyone_who_watched_play_but_not_those_who_left_before_it()
    {
        var room = CountdownRoom();
        var early = NewUser("early");
        var late = NewUser("late");
        room.Spectate(Ref(_stranger), BlocksOf(_stranger, _host, _guest));
        room.Spectate(Ref(early), BlocksOf(early, _host, _guest));
        room.StopSpectating(early.Id);
        room.Advance(T0.AddSeconds(3));
        room.Spectate(Ref(late), BlocksOf(late, _host, _guest));
        room.StopSpectating(late.Id);

        room.Leave(_guest.Id, T0.AddSeconds(10));

        room.Result!.SpectatorIds.ShouldBe([_stranger.Id, late.Id], ignoreOrder: true);
    }

    [Test]
    public void The_opponent_of_each_player_is_the_other()
    {
        var room = SettingsRoom();

        room.OpponentOf(_host.Id).ShouldBe(Ref(_guest));
        room.OpponentOf(_guest.Id).ShouldBe(Ref(_host));
        Should.Throw<DomainException>(() => room.OpponentOf(_stranger.Id)).Code.ShouldBe("game.not_in_room");
    }

    private void Block(bool hostBlocks)
    {
        if (hostBlocks)
        {
            _host.Block(_guest);
        }
        else
        {
            _guest.Block(_host);
        }
    }

    private Room SettingsRoom()
    {
        var room = Room.OpenQueue(Ref(_host), GameMode.Classic, T0);
        room.Join(Ref(_guest), BlocksOf(_guest, _host));
        return room;
    }

    private Room CountdownRoom()
    {
        var room = SettingsRoom();
        room.SetReady(_host.Id, true, T0);
        room.SetReady(_guest.Id, true, T0);
        return room;
    }

    private Room PlayingRoom()
    {
        var room = CountdownRoom();
        room.Advance(T0 + Room.CountdownDuration);
        return room;
    }
}
