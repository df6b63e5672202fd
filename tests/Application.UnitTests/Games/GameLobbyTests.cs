using Microsoft.Extensions.Time.Testing;
using Moq;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Domain.Common;
using Transcendence.Domain.Games;
using Transcendence.Domain.Users;

namespace Transcendence.Application.UnitTests.Games;

public sealed class GameLobbyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;
    private GameLobby _lobby = null!;
    private Mock<IGameDirectory> _directory = null!;
    private User _alice = null!;
    private User _bob = null!;

    [SetUp]
    public void FreshLobby()
    {
        _clock = new FakeTimeProvider(Start);
        _directory = new Mock<IGameDirectory>();
        _lobby = new GameLobby(_clock, new GameOptions(), _directory.Object);
        _alice = User.Register("alice", DisplayName.Parse("alice"), Start);
        _bob = User.Register("bob", DisplayName.Parse("bob"), Start);
    }

    [Test]
    public void A_player_in_a_room_is_busy_until_the_room_ends()
    {
        var roomId = OpenQueue(_alice);

        Should.Throw<DomainException>(() => _lobby.PrepareQueue(PlayerRef.Of(_alice), GameMode.Speed)).Code.ShouldBe("game.busy");
        Should.Throw<DomainException>(() => _lobby.PrepareInvite(PlayerRef.Of(_alice), PlayerRef.Of(_bob), BlockState.Between(_alice, [_bob]), GameMode.Classic)).Code.ShouldBe("game.busy");

        _lobby.LeaveQueue(_alice.Id);
        OpenQueue(_alice).ShouldNotBe(roomId);
        _directory.Verify(d => d.RoomClosed(roomId));
        _directory.Verify(d => d.ReleaseSeat(_alice.Id, roomId));
    }

    [Test]
    public void A_prepared_room_is_heard_of_only_once_opened_and_a_discarded_one_leaves_nothing()
    {
        var discarded = _lobby.PrepareQueue(PlayerRef.Of(_alice), GameMode.Classic);
        _lobby.Discard(discarded).ShouldBeEmpty();
        _lobby.RoomOf(_alice.Id).ShouldBeNull();

        var roomId = _lobby.PrepareQueue(PlayerRef.Of(_alice), GameMode.Classic);
        var opened = _lobby.Open(roomId);

        opened.OfType<JoinRoomGroup>().Single().UserId.ShouldBe(_alice.Id);
        opened.OfType<SendToRoom>().Single().EventName.ShouldBe(GameEvents.RoomUpdated);
        _lobby.Open(roomId).ShouldBeEmpty();
        _directory.Verify(d => d.RoomOpened(roomId), Times.Once);
        _directory.Verify(d => d.RoomOpened(discarded), Times.Never);
        _directory.Verify(d => d.ReleaseSeat(_alice.Id, discarded), Times.Never);
    }

    [Test]
    public void A_guest_matched_into_a_room_not_yet_opened_opens_it_and_its_host_hears_of_it()
    {
        var roomId = _lobby.PrepareQueue(PlayerRef.Of(_alice), GameMode.Classic);

        var effects = _lobby.JoinQueued(PlayerRef.Of(_bob), roomId, BlockState.Between(_bob, [_alice]));

        effects.OfType<JoinRoomGroup>().Select(j => j.UserId).ShouldBe([_alice.Id, _bob.Id]);
        _directory.Verify(d => d.RoomOpened(roomId), Times.Once);
        _lobby.Open(roomId).ShouldBeEmpty();
    }

    [Test]
    public void The_room_refuses_a_guest_the_queue_matched_across_a_block_made_since()
    {
        _alice.Block(_bob);
        var roomId = OpenQueue(_alice);

        Should.Throw<DomainException>(() => _lobby.JoinQueued(PlayerRef.Of(_bob), roomId, BlockState.Between(_bob, [_alice]))).Code.ShouldBe("game.blocked");
        _lobby.PlaysIn(_bob.Id, roomId).ShouldBeFalse();
    }

    [Test]
    public void Matched_players_play_in_the_room_and_hear_matched_then_the_room()
    {
        var roomId = OpenQueue(_alice);

        var effects = _lobby.JoinQueued(PlayerRef.Of(_bob), roomId, BlockState.Between(_bob, [_alice]));

        _lobby.PlaysIn(_bob.Id, roomId).ShouldBeTrue();
        effects.OfType<SendToUsers>().Single().EventName.ShouldBe(GameEvents.Matched);
        var updated = effects.OfType<SendToRoom>().Last();
        updated.EventName.ShouldBe(GameEvents.RoomUpdated);
        updated.Elsewhere.ShouldBe([_alice.Id, _bob.Id], ignoreOrder: true);
    }

    [Test]
    public void A_player_another_instance_holds_is_not_lost_with_their_last_connection_here_and_hears_state_there()
    {
        var roomId = PlayingRoom(winningScore: 21);
        _lobby.AudienceChanged(roomId, _alice.Id, "instance2", present: true, heldHere: true);

        _lobby.ConnectionLost(_alice.Id).ShouldBeEmpty();
        var state = _lobby.Tick(Start.AddSeconds(4)).OfType<SendToRoom>().Single(e => e.EventName == GameEvents.State);
        state.Elsewhere.ShouldBe([_alice.Id]);

        var lost = _lobby.AudienceChanged(roomId, _alice.Id, "instance2", present: false, heldHere: false);
        lost.OfType<SendToRoom>().First().Payload.ShouldBe(new PlayerLeftEvent(roomId, _alice.Id, "disconnected"));
        _lobby.Tick(Start.AddSeconds(5)).OfType<SendToRoom>().ShouldNotContain(e => e.EventName == GameEvents.State);

        var back = _lobby.AudienceChanged(roomId, _alice.Id, "instance3", present: true, heldHere: false);
        ((RoomUpdatedEvent)back.OfType<SendToRoom>().Single().Payload).Paused.ShouldBeFalse();
    }

    [Test]
    public void A_dead_instance_holds_nobody_its_spectators_stop_watching()
    {
        var roomId = PlayingRoom(winningScore: 21);
        var carol = User.Register("carol", DisplayName.Parse("carol"), Start);
        _lobby.Spectate(PlayerRef.Of(carol), roomId, BlockState.Between(carol, [_alice, _bob]));
        _lobby.AudienceChanged(roomId, carol.Id, "instance2", present: true, heldHere: false);
        _lobby.AwayInstances().ShouldBe(["instance2"]);

        var effects = _lobby.InstanceLost("instance2", _ => false);

        effects.OfType<JoinRoomGroup>().Single().ShouldBe(new JoinRoomGroup(carol.Id, roomId, Join: false));
        _lobby.AwayInstances().ShouldBeEmpty();
        _directory.Verify(d => d.Watching(carol.Id, roomId, false));
    }

    [Test]
    public void Waiting_rooms_expire_after_the_queue_timeout_and_tell_their_host()
    {
        var roomId = OpenQueue(_alice);

        _lobby.ExpireWaiting(Start.AddSeconds(59)).ShouldBeEmpty();
        var effects = _lobby.ExpireWaiting(Start.AddSeconds(60));

        var timedOut = effects.OfType<SendToUsers>().Single();
        timedOut.EventName.ShouldBe(GameEvents.QueueTimedOut);
        timedOut.UserIds.ShouldBe([_alice.Id]);
        _lobby.RoomOf(_alice.Id).ShouldBeNull();
        Should.Throw<DomainException>(() => _lobby.PlayersOf(roomId)).Code.ShouldBe("game.not_found");
    }

    [Test]
    public void A_game_played_to_its_end_asks_for_the_match_to_be_stored_and_frees_its_players()
    {
        var roomId = PlayingRoom(winningScore: 1, out var first);
        // Both paddles leave the ball's half of the field: a serve cannot reach the far end before a goal line.
        var goingUp = first.Ball.Vy < 0;
        _lobby.Input(_alice.Id, roomId, new PaddleInput(!goingUp, goingUp, 1));
        _lobby.Input(_bob.Id, roomId, new PaddleInput(!goingUp, goingUp, 1));

        var all = new List<GameEffect>();
        for (var tick = 2; tick <= 60 * 60 && _lobby.RoomOf(_alice.Id) is not null; tick++)
        {
            all.AddRange(_lobby.Tick(Start.AddSeconds(3).AddTicks(tick * TimeSpan.TicksPerSecond / 60)));
        }

        // GameEnded is not sent from the tick: the match is stored first, then announced to both players.
        all.OfType<SendToRoom>().ShouldNotContain(e => e.EventName == GameEvents.GameEnded);
        var store = all.OfType<StoreMatch>().Single();
        store.Match.Id.ShouldBe(roomId);
        store.Audience.ShouldBe([_alice.Id, _bob.Id], ignoreOrder: true);
        _lobby.RoomOf(_bob.Id).ShouldBeNull();
    }

    [Test]
    public void Shutdown_ends_a_game_in_play_with_reason_shutdown_and_stores_nothing()
    {
        var roomId = PlayingRoom(winningScore: 21);

        var effects = _lobby.Shutdown();

        var ended = (GameEndedEvent)effects.OfType<SendToRoom>().Single(e => e.EventName == GameEvents.GameEnded).Payload;
        ended.RoomId.ShouldBe(roomId);
        ended.Reason.ShouldBe("shutdown");
        ended.WinnerId.ShouldBeNull();
        effects.OfType<StoreMatch>().ShouldBeEmpty();
        _lobby.RoomOf(_alice.Id).ShouldBeNull();
    }

    [Test]
    public void A_lost_player_while_playing_pauses_the_room_and_a_new_connection_resumes_it()
    {
        var roomId = PlayingRoom(winningScore: 21);

        var lost = _lobby.ConnectionLost(_alice.Id);
        lost.OfType<SendToRoom>().First().Payload.ShouldBe(new PlayerLeftEvent(roomId, _alice.Id, "disconnected"));
        _lobby.Tick(Start.AddSeconds(4)).OfType<SendToRoom>().ShouldNotContain(e => e.EventName == GameEvents.State);

        var back = _lobby.Connected(_alice.Id, "tab-2");
        back.OfType<JoinConnectionToRoom>().Single().RoomId.ShouldBe(roomId);
        ((RoomUpdatedEvent)back.OfType<SendToRoom>().Single().Payload).Paused.ShouldBeFalse();
    }

    [Test]
    public void Input_from_someone_who_is_not_a_player_is_refused()
    {
        var roomId = PlayingRoom(winningScore: 21);
        var carol = User.Register("carol", DisplayName.Parse("carol"), Start);
        _lobby.Spectate(PlayerRef.Of(carol), roomId, BlockState.Between(carol, [_alice, _bob]));

        Should.Throw<DomainException>(() => _lobby.Input(carol.Id, roomId, new PaddleInput(true, false, 1))).Code.ShouldBe("game.not_in_room");
        _lobby.Input(_alice.Id, roomId, new PaddleInput(true, false, 1)).ShouldBeTrue();
        _lobby.Input(_alice.Id, roomId, new PaddleInput(false, true, 1)).ShouldBeFalse();
    }

    private Guid PlayingRoom(int winningScore) => PlayingRoom(winningScore, out _);

    private Guid PlayingRoom(int winningScore, out StateEvent firstState)
    {
        var roomId = OpenQueue(_alice);
        _lobby.JoinQueued(PlayerRef.Of(_bob), roomId, BlockState.Between(_bob, [_alice]));
        _lobby.UpdateSettings(_alice.Id, roomId, winningScore, null, null);
        _lobby.SetReady(_alice.Id, roomId, true);
        _lobby.SetReady(_bob.Id, roomId, true);
        firstState = (StateEvent)_lobby.Tick(Start.AddSeconds(3)).OfType<SendToRoom>().Single(e => e.EventName == GameEvents.State).Payload;
        return roomId;
    }

    /// <summary>A queue room the cluster's queue listed (what JoinQueue does when nobody suitable waits).</summary>
    [Test]
    public void Its_own_rooms_are_the_open_ones_oldest_first_with_players_spectators_and_the_queue_they_wait_in()
    {
        var carol = User.Register("carol", DisplayName.Parse("carol"), Start);
        var dave = User.Register("dave", DisplayName.Parse("dave"), Start);
        var game = PlayingRoom(winningScore: 21);
        _lobby.Spectate(PlayerRef.Of(carol), game, BlockState.Between(carol, [_alice, _bob]));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var waiting = _lobby.PrepareQueue(PlayerRef.Of(carol), GameMode.Speed);
        _lobby.Open(waiting);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _lobby.PrepareQueue(PlayerRef.Of(dave), GameMode.Classic); // prepared, not listed: the directory has not said yet

        var own = _lobby.OwnRooms();

        own.Select(r => r.RoomId).ShouldBe([game, waiting]);
        own[0].Players.ShouldBe([_alice.Id, _bob.Id]);
        own[0].Spectators.ShouldBe([carol.Id]);
        own[0].WaitingIn.ShouldBeNull("a game in play waits in no queue");
        own[1].Players.ShouldBe([carol.Id]);
        own[1].Spectators.ShouldBeEmpty();
        own[1].WaitingIn.ShouldBe(GameMode.Speed);
    }

    private Guid OpenQueue(User host)
    {
        var roomId = _lobby.PrepareQueue(PlayerRef.Of(host), GameMode.Classic);
        _lobby.Open(roomId);
        return roomId;
    }
}
