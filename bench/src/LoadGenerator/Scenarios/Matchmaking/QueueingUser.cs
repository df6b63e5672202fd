using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.LoadGenerator.Clients;
using Transcendence.LoadGenerator.Measurement;

namespace Transcendence.LoadGenerator.Scenarios.Matchmaking;

/// <summary>
/// One bench user on <c>/hubs/game</c> for matchmaking: answers every <c>Ping</c>, times its
/// <c>JoinQueue</c> call to its <c>Matched</c> event and remembers, per run, how often it was matched and
/// with whom.
/// </summary>
public sealed class QueueingUser : IAsyncDisposable
{
    private MatchmakingRun? _run;
    private long _joinedAt;
    private int _matches;
    private bool _lost;

    public QueueingUser(int index, BenchUser user, Uri baseAddress)
    {
        Index = index;
        User = user;
        Connection = HubConnections.Build(baseAddress, "/hubs/game", user.AccessToken);
        Connection.On<PingMessage>("Ping", ping => _ = Connection.SendAsync("Pong", ping.Seq));
        Connection.On<MatchedMessage>("Matched", OnMatched);
        Connection.Closed += error =>
        {
            CloseReason = error?.Message ?? "closed by the server";
            Volatile.Write(ref _lost, true);
            return Task.CompletedTask;
        };
    }

    /// <summary>Whether the connection closed (the server drops one whose Pong is a heartbeat late); it is not reopened.</summary>
    public bool Lost => Volatile.Read(ref _lost);

    public string? CloseReason { get; private set; }

    public int Index { get; }

    public BenchUser User { get; }

    public HubConnection Connection { get; }

    public int Matches => Volatile.Read(ref _matches);

    /// <summary>The room of this run's match, or of the waiting room JoinQueue returned.</summary>
    public Guid? RoomId { get; private set; }

    /// <summary>The other player of this run's match.</summary>
    public Guid? Partner { get; private set; }

    /// <summary>Whether this user was the room's first player (the one who leaves it afterwards).</summary>
    public bool IsHost { get; private set; }

    public void StartRun(MatchmakingRun run)
    {
        Volatile.Write(ref _matches, 0);
        RoomId = null;
        Partner = null;
        IsHost = false;
        Volatile.Write(ref _run, run);
    }

    /// <summary>Queues for classic; the time counts from here to <c>Matched</c>.</summary>
    public async Task JoinQueueAsync(CancellationToken ct)
    {
        Volatile.Write(ref _joinedAt, Stopwatch.GetTimestamp());
        var room = await Connection.InvokeAsync<RoomRef>("JoinQueue", "classic", ct);
        RoomId ??= room.RoomId;
    }

    private void OnMatched(MatchedMessage matched)
    {
        var run = Volatile.Read(ref _run);
        if (run is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (Interlocked.Increment(ref _matches) == 1)
        {
            run.Wait.RecordSince(Volatile.Read(ref _joinedAt));
            RoomId = matched.RoomId;
            IsHost = matched.Players.Length > 0 && matched.Players[0].Id == User.Id;
            Partner = matched.Players.Select(p => p.Id).FirstOrDefault(id => id != User.Id);
        }

        run.OnMatched(now);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private sealed record PingMessage(long Seq);

    private sealed record RoomRef(Guid RoomId);

    private sealed record MatchedMessage(Guid RoomId, PlayerMessage[] Players);

    private sealed record PlayerMessage(Guid Id);
}

/// <summary>One matchmaking run's shared book-keeping: queue waits and when the last Matched arrived.</summary>
public sealed class MatchmakingRun
{
    private long _matchedEvents;
    private long _lastMatchedAt;

    public LatencyRecorder Wait { get; } = new();

    public long MatchedEvents => Interlocked.Read(ref _matchedEvents);

    public long LastMatchedAt => Interlocked.Read(ref _lastMatchedAt);

    public void OnMatched(long timestamp)
    {
        Interlocked.Increment(ref _matchedEvents);
        long last;
        while ((last = Interlocked.Read(ref _lastMatchedAt)) < timestamp && Interlocked.CompareExchange(ref _lastMatchedAt, timestamp, last) != last)
        {
        }
    }
}
