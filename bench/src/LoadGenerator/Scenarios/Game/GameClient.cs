using System.Diagnostics;
using System.Text.Json;
using Transcendence.LoadGenerator.Clients;

namespace Transcendence.LoadGenerator.Scenarios.Game;

/// <summary>
/// One bench player on <c>/hubs/game</c>: answers every <c>Ping</c>, and on every <c>State</c> of its current
/// room counts it (and any gap in <c>tick</c> before it) and sends an <c>Input</c> steering its paddle
/// towards the ball, so rooms keep playing and the server gets inputs at 60 Hz per player. States are
/// read straight from the JSON (room, tick, ball y, paddles) on the minimal client's receive loop, which
/// runs one connection's handlers one at a time, so the counters have a single writer. With
/// <c>inputOnChange</c> it sends <c>Input</c> only when its keys change, as a real client does.
/// </summary>
public sealed class GameClient : IAsyncDisposable
{
    private const double PaddleHeight = 80;
    private const double BallSize = 10;

    private CurrentRoom? _room;
    private long _lastTick;
    private long _seq;
    private long _states;
    private long _missing;
    private long _lateJoins;
    private bool _lost;
    private long _originTicks = long.MaxValue;
    private long _maxLagTicks;
    private (bool Up, bool Down)? _keys;

    private readonly Uri _hubUrl;

    private readonly bool _inputOnChange;

    public GameClient(BenchUser user, Uri baseAddress, bool inputOnChange = false)
    {
        User = user;
        _inputOnChange = inputOnChange;
        _hubUrl = new Uri(baseAddress, "/hubs/game");
        Connection = new RawHubConnection();
        Connection.On("Ping", ping => _ = Connection.SendAsync("Pong", ping.GetProperty("seq").GetInt64()));
        Connection.On("State", OnState);
        Connection.Closed += error =>
        {
            CloseReason = error?.Message ?? "closed without an error";
            Volatile.Write(ref _lost, true);
            Ended?.Invoke(Guid.Empty);
        };
        Connection.On("GameEnded", ended =>
        {
            var roomId = ended.GetProperty("roomId").GetGuid();
            if (roomId == Volatile.Read(ref _room)?.Id)
            {
                Ended?.Invoke(roomId);
            }
        });
    }

    public BenchUser User { get; }

    public RawHubConnection Connection { get; }

    public Task StartAsync(CancellationToken cancellationToken) => Connection.StartAsync(_hubUrl, User.AccessToken, cancellationToken);

    public string? CloseReason { get; private set; }

    /// <summary>
    /// The largest delay of a State since <see cref="ResetLag"/>, relative to the most punctual State of the
    /// room (arrival − tick/60 s, minus its smallest value): how far delivery fell behind the tick schedule.
    /// </summary>
    public TimeSpan MaxLag => TimeSpan.FromTicks(Volatile.Read(ref _maxLagTicks));

    public void ResetLag() => Volatile.Write(ref _maxLagTicks, 0);

    /// <summary>Whether the connection closed (the server drops one that misses a heartbeat); it is not reopened.</summary>
    public bool Lost => Volatile.Read(ref _lost);

    /// <summary>Raised (on the receive loop) when the client's current room sends <c>GameEnded</c>, or the connection closes.</summary>
    public Action<Guid>? Ended { get; set; }

    /// <summary>States received for the current room, all time.</summary>
    public long States => Volatile.Read(ref _states);

    /// <summary>Ticks of the current room skipped between two States received, all time.</summary>
    public long Missing => Volatile.Read(ref _missing);

    /// <summary>Whether a State of the current room has arrived (the room is playing).</summary>
    public bool Playing => Volatile.Read(ref _lastTick) > 0;

    /// <summary>How often the first State of a room was not tick 1 (the client missed the start).</summary>
    public long LateJoins => Volatile.Read(ref _lateJoins);

    /// <summary>Plays <paramref name="roomId"/> from now on; States of any other room are ignored.</summary>
    public void Play(Guid roomId)
    {
        Volatile.Write(ref _lastTick, 0);
        Volatile.Write(ref _originTicks, long.MaxValue);
        _keys = null;
        Volatile.Write(ref _room, new CurrentRoom(roomId));
    }

    private void OnState(JsonElement json)
    {
        if (Volatile.Read(ref _room) is not { } room || json.GetProperty("roomId").GetGuid() != room.Id)
        {
            return;
        }

        var state = new StateMessage(json.GetProperty("tick").GetInt64(), json.GetProperty("ball").GetProperty("y").GetDouble());

        var last = _lastTick;
        if (last > 0 && state.Tick > last + 1)
        {
            Volatile.Write(ref _missing, _missing + (state.Tick - last - 1));
        }
        else if (last == 0 && state.Tick > 1)
        {
            Volatile.Write(ref _lateJoins, _lateJoins + 1);
        }

        Volatile.Write(ref _lastTick, Math.Max(last, state.Tick));
        var origin = Stopwatch.GetElapsedTime(0).Ticks - (state.Tick * TimeSpan.TicksPerSecond / 60);
        if (origin < _originTicks)
        {
            _originTicks = origin;
        }
        else if (origin - _originTicks > _maxLagTicks)
        {
            Volatile.Write(ref _maxLagTicks, origin - _originTicks);
        }

        Volatile.Write(ref _states, _states + 1);

        var paddleY = 0.0;
        foreach (var paddle in json.GetProperty("paddles").EnumerateArray())
        {
            if (paddle.GetProperty("userId").GetGuid() == User.Id)
            {
                paddleY = paddle.GetProperty("y").GetDouble();
            }
        }

        var offset = (state.BallY + (BallSize / 2)) - (paddleY + (PaddleHeight / 2));
        var keys = (Up: offset < -4, Down: offset > 4);
        if (_inputOnChange && _keys == keys)
        {
            return;
        }

        _keys = keys;
        _ = Connection.SendAsync("Input", room.Id, new InputMessage(keys.Up, keys.Down, ++_seq));
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private sealed record CurrentRoom(Guid Id);

    private readonly record struct StateMessage(long Tick, double BallY);

    private sealed record InputMessage(bool Up, bool Down, long Seq);
}
