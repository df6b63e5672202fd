using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Domain.Common;
using Transcendence.Domain.Games;
using Transcendence.Domain.Users;

namespace Transcendence.Application.UnitTests.Games;

/// <summary>The game server's loop on a fake clock: its schedule, its inbox budget, and sends it never waits for.</summary>
public sealed class GameLoopTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / PongGame.TicksPerSecond);

    private FakeTimeProvider _clock = null!;
    private RecordingTransport _transport = null!;
    private GameLoop _loop = null!;
    private User _alice = null!;
    private User _bob = null!;

    [SetUp]
    public void Users()
    {
        _clock = new FakeTimeProvider(Start);
        _transport = new RecordingTransport();
        _alice = User.Register("alice", DisplayName.Parse("alice"), Start);
        _bob = User.Register("bob", DisplayName.Parse("bob"), Start);
    }

    [TearDown]
    public void StopLoop()
    {
        _loop.Stop();
        _loop.Dispose();
    }

    [Test]
    public async Task A_flood_of_calls_delays_a_due_tick_by_at_most_one_budget_and_no_tick_is_skipped()
    {
        const int budget = 8;
        const int callsPerTick = 4;
        const int flood = 2_000;
        StartLoop(budget);
        var roomId = await PlayingRoomAsync();
        var firstTick = _transport.States.Last().Tick;

        // Each call "takes" a quarter of a tick: the flood is worth 500 ticks of work, more than the catch-up
        // bound. A loop that drained it all before looking at its schedule would skip ticks and run the others
        // with the flood's last input already applied.
        using var gate = new ManualResetEventSlim();
        var held = _loop.AskAsync(_ => gate.Wait(TimeSpan.FromSeconds(30)));
        var calls = new List<Task>();
        for (var seq = 1; seq <= flood; seq++)
        {
            var input = new PaddleInput(seq % 2 == 0, seq % 2 == 1, seq);
            calls.Add(_loop.AskAsync(lobby =>
            {
                _clock.Advance(OneTick / callsPerTick);
                return lobby.Input(_alice.Id, roomId, input);
            }));
        }

        // The whole flood waits in the inbox before the loop sees any of it.
        gate.Set();
        (await held).ShouldBeTrue();
        await Task.WhenAll(calls);
        await _loop.AskAsync(_ => 0);

        var states = _transport.States.Where(s => s.Tick > firstTick).ToList();
        states.Select(s => s.Tick).ShouldBe(Enumerable.Range(0, states.Count).Select(i => firstTick + 1 + i), "a tick was skipped or repeated");
        states.Count.ShouldBeGreaterThanOrEqualTo(flood / callsPerTick - 1);
        foreach (var state in states.Where(s => s.Tick - firstTick <= flood / callsPerTick))
        {
            // The input handled when this tick fell due is about callsPerTick × its number; at most a budget more ran before it.
            var lastSeq = state.Paddles[0].LastSeq ?? 0;
            lastSeq.ShouldBeLessThanOrEqualTo(((state.Tick - firstTick) * callsPerTick) + budget, $"tick {state.Tick} waited for the flood");
        }
    }

    [Test]
    public async Task A_send_that_never_completes_holds_back_neither_other_rooms_nor_later_ticks()
    {
        _transport.StuckConnection = "stuck";
        _transport.StuckUser = _alice.Id;
        StartLoop(budget: 256);
        var roomId = await PlayingRoomAsync();
        var firstTick = _transport.States.Last().Tick;

        for (var tick = 1; tick <= 5; tick++)
        {
            await _loop.AnnounceAsync([_alice.Id], GameEvents.Ping, new PingEvent(tick));
            _clock.Advance(OneTick);
            await _loop.AskAsync(_ => 0);
        }

        _transport.StuckSends.Count(e => e == GameEvents.Ping).ShouldBe(5);
        _transport.States.Where(s => s.RoomId == roomId && s.Tick > firstTick).Select(s => s.Tick)
            .ShouldBe(Enumerable.Range(1, 5).Select(i => firstTick + i));
    }

    [Test]
    public async Task A_refusal_on_the_loop_reaches_the_caller_with_its_code_and_the_loop_goes_on()
    {
        StartLoop(budget: 256);

        var refusal = await Should.ThrowAsync<DomainException>(() => _loop.AskAsync(lobby => lobby.PlayersOf(Guid.CreateVersion7())));

        refusal.Code.ShouldBe("game.not_found");
        (await _loop.AskAsync(_ => 42)).ShouldBe(42);
    }

    private void StartLoop(int budget)
    {
        var options = new GameOptions { HeartbeatInterval = TimeSpan.FromHours(1), InboxBudget = budget };
        var lobby = new GameLobby(_clock, options, Mock.Of<IGameDirectory>());
        _loop = new GameLoop(
            lobby, new PlayerConnections(), _transport, new GameLoopMetrics(new Meters(), lobby), options, _clock, NullLogger<GameLoop>.Instance);
        _loop.Start();
    }

    /// <summary>Alice (connection "stuck" when a test says so) and Bob matched, ready, and the countdown run out.</summary>
    private async Task<Guid> PlayingRoomAsync()
    {
        await _loop.ConnectedAsync(_alice.Id, "stuck", CancellationToken.None);
        await _loop.ConnectedAsync(_bob.Id, "bob-1", CancellationToken.None);
        var roomId = await _loop.AskAsync(lobby => lobby.PrepareQueue(PlayerRef.Of(_alice), GameMode.Classic));
        await _loop.ChangeAsync(lobby => lobby.Open(roomId));
        await _loop.ChangeAsync(lobby => lobby.JoinQueued(PlayerRef.Of(_bob), roomId, BlockState.Between(_bob, [_alice])));
        await _loop.ChangeAsync(lobby => lobby.UpdateSettings(_alice.Id, roomId, 21, null, null));
        await _loop.ChangeAsync(lobby => lobby.SetReady(_alice.Id, roomId, true));
        await _loop.ChangeAsync(lobby => lobby.SetReady(_bob.Id, roomId, true));
        for (var waited = TimeSpan.Zero; waited <= TimeSpan.FromSeconds(4) && _transport.States.IsEmpty; waited += OneTick)
        {
            _clock.Advance(OneTick);
            await _loop.AskAsync(_ => 0);
        }

        _transport.States.ShouldNotBeEmpty();
        return roomId;
    }

    private sealed class Meters : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }

    /// <summary>Records every room's <c>State</c>; one connection's sends never complete (its client stopped reading).</summary>
    private sealed class RecordingTransport : IGameTransport
    {
        public string? StuckConnection { get; set; }

        /// <summary>Sends to this user's connections never complete either.</summary>
        public Guid? StuckUser { get; set; }

        public ConcurrentQueue<StateEvent> States { get; } = new();

        public ConcurrentQueue<string> StuckSends { get; } = new();

        public Task ToRoomAsync(Guid roomId, string eventName, object payload, IReadOnlyCollection<Guid> elsewhere)
        {
            if (payload is StateEvent state)
            {
                States.Enqueue(state);
            }

            return Task.CompletedTask;
        }

        public Task ToConnectionAsync(string connectionId, string eventName, object payload)
        {
            if (connectionId != StuckConnection)
            {
                return Task.CompletedTask;
            }

            StuckSends.Enqueue(eventName);
            return new TaskCompletionSource().Task;
        }

        public Task AddToRoomAsync(string connectionId, Guid roomId) => Task.CompletedTask;

        public Task ToUsersAsync(IReadOnlyCollection<Guid> userIds, string eventName, object payload)
        {
            if (StuckUser is not { } stuck || !userIds.Contains(stuck))
            {
                return Task.CompletedTask;
            }

            StuckSends.Enqueue(eventName);
            return new TaskCompletionSource().Task;
        }

        public Task AddUserToRoomAsync(Guid userId, Guid roomId) => Task.CompletedTask;

        public Task RemoveUserFromRoomAsync(Guid userId, Guid roomId) => Task.CompletedTask;

        public Task EmptyRoomHereAsync(Guid roomId) => Task.CompletedTask;

        public Task CloseAsync(string connectionId) => Task.CompletedTask;
    }
}
