using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Domain.Games;
using Transcendence.Infrastructure.ScaleOut;

namespace Transcendence.Infrastructure.Games;

/// <summary>
/// The game directory shared by every instance through Redis (keys under <c>{prefix}game:</c>):
/// <list type="bullet">
/// <item><c>seat:{user}</c> → <c>{room}|{owner}</c>: the one room the user plays in, cluster-wide;</item>
/// <item><c>room:{room}</c> → hash <c>owner</c> (and, while it waits in the queue, <c>queue</c> and <c>entry</c>);</item>
/// <item><c>queue:{mode}</c> → list of <c>{room}|{owner}|{host}</c>, oldest first;</item>
/// <item><c>watch:{user}</c> → set of <c>{room}|{owner}</c> the user watches;</item>
/// <item><c>owner:{instance}:rooms</c>, <c>:seats</c> (users), <c>:watchers</c> (<c>{user}|{room}</c>): what to forget when
/// the instance dies; <c>owners</c>: the instances known here;</item>
/// <item><c>owner:{instance}:stated</c>: set when the instance wrote its whole part (<see cref="Restate"/>); gone when
/// Redis lost it (restarted empty) or another instance forgot the instance as dead: then it writes its part again;</item>
/// <item><c>live:{instance}</c> → the instance's live games (JSON), expiring after <c>ScaleOut:LeaseTtl</c>.</item>
/// </list>
/// Every change is one Lua script, so the queue's claim-or-enqueue and every seat change are atomic: each waiting
/// entry is claimed once and nobody holds two seats. Scripts build their keys from the prefix (one Redis, as the
/// presence sweep does).
/// </summary>
/// <remarks>
/// <para>
/// The writes made from the game loop's thread are queued on the one connection without waiting for the reply, under
/// one lock, so Redis runs them in the order the loop made them, before any later read from this instance. One that
/// cannot be written (Redis is down) is kept, with every later one, in order, and sent before the next write, on the
/// next live-games beat and when the connection is restored: a seat released during an outage is released after it.
/// (Not <see cref="CommandFlags.FireAndForget"/>: StackExchange.Redis drops such a command silently while it is down.)
/// </para>
/// <para>
/// An instance is alive while its presence lease <c>{prefix}presence:alive:{instance}</c> exists
/// (<see cref="RedisScaleOut.AliveKey"/>; the presence tracker renews it). A claim skips the waiting rooms of dead
/// owners; <see cref="ForgetDeadOwnersAsync"/> (any instance, idempotent) forgets everything of theirs. For a lease time
/// after this instance's connection came back, nobody is declared dead (<see cref="DeadAmongAsync"/>) or forgotten: a
/// Redis that restarted empty holds no lease until each living instance has renewed its own.
/// </para>
/// <para>
/// An owner whose part the directory lost (Redis restarted empty; or it was forgotten as dead while it lived on, after a
/// cut longer than its lease) finds its key <c>owner:{instance}:stated</c> gone (<see cref="MustRestateAsync"/>, once a
/// second) and writes its whole part again from its lobby (<see cref="Restate"/>, one script, idempotent).
/// </para>
/// </remarks>
public sealed partial class RedisGameDirectory : IGameDirectory, IDisposable
{
    private const string Alive = RedisScaleOut.AliveKeyName;

    // ARGV: prefix, caller, mode, prepared room, this instance, then the excluded users.
    // Returns {'busy'}, {'opened'} or {'matched', room, owner, host}.
    private const string JoinQueueScript = $$"""
        local p, user, mode, prepared, me = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
        local seat = p .. 'game:seat:' .. user
        if redis.call('EXISTS', seat) == 1 then return {'busy'} end
        local excluded = {}
        for i = 6, #ARGV do excluded[ARGV[i]] = true end
        local queue = p .. 'game:queue:' .. mode
        for _, entry in ipairs(redis.call('LRANGE', queue, 0, -1)) do
          local room, owner, host = string.match(entry, '^([^|]+)|([^|]+)|([^|]+)$')
          if host ~= user and not excluded[host] and redis.call('EXISTS', p .. '{{Alive}}' .. owner) == 1 then
            redis.call('LREM', queue, 1, entry)
            redis.call('HDEL', p .. 'game:room:' .. room, 'queue', 'entry')
            redis.call('SET', seat, room .. '|' .. owner)
            redis.call('SADD', p .. 'game:owner:' .. owner .. ':seats', user)
            return {'matched', room, owner, host}
          end
        end
        local entry = prepared .. '|' .. me .. '|' .. user
        redis.call('RPUSH', queue, entry)
        redis.call('HSET', p .. 'game:room:' .. prepared, 'owner', me, 'queue', queue, 'entry', entry)
        redis.call('SADD', p .. 'game:owner:' .. me .. ':rooms', prepared)
        redis.call('SET', seat, prepared .. '|' .. me)
        redis.call('SADD', p .. 'game:owner:' .. me .. ':seats', user)
        redis.call('SADD', p .. 'game:owners', me)
        return {'opened'}
        """;

    // ARGV: prefix, user, room, owner. 1: seated (or already there), 0: seated elsewhere.
    private const string TakeSeatScript = """
        local p, user, room, owner = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local seat = redis.call('GET', p .. 'game:seat:' .. user)
        if seat then return string.sub(seat, 1, #room + 1) == room .. '|' and 1 or 0 end
        redis.call('SET', p .. 'game:seat:' .. user, room .. '|' .. owner)
        redis.call('SADD', p .. 'game:owner:' .. owner .. ':seats', user)
        redis.call('SADD', p .. 'game:owners', owner)
        return 1
        """;

    // ARGV: prefix, user, room.
    private const string ReleaseSeatScript = """
        local p, user, room = ARGV[1], ARGV[2], ARGV[3]
        local key = p .. 'game:seat:' .. user
        local seat = redis.call('GET', key)
        if seat and string.sub(seat, 1, #room + 1) == room .. '|' then
          redis.call('DEL', key)
          redis.call('SREM', p .. 'game:owner:' .. string.sub(seat, #room + 2) .. ':seats', user)
        end
        """;

    // ARGV: prefix, this instance, room.
    private const string RoomOpenedScript = """
        local p, me, room = ARGV[1], ARGV[2], ARGV[3]
        redis.call('HSET', p .. 'game:room:' .. room, 'owner', me)
        redis.call('SADD', p .. 'game:owner:' .. me .. ':rooms', room)
        redis.call('SADD', p .. 'game:owners', me)
        """;

    // ARGV: prefix, this instance, room.
    private const string RoomClosedScript = """
        local p, me, room = ARGV[1], ARGV[2], ARGV[3]
        local key = p .. 'game:room:' .. room
        local queued = redis.call('HMGET', key, 'queue', 'entry')
        if queued[1] then redis.call('LREM', queued[1], 0, queued[2]) end
        redis.call('DEL', key)
        redis.call('SREM', p .. 'game:owner:' .. me .. ':rooms', room)
        """;

    // ARGV: prefix, this instance, user, room, '1' watching / '0' not.
    private const string WatchingScript = """
        local p, me, user, room = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local op = ARGV[5] == '1' and 'SADD' or 'SREM'
        redis.call(op, p .. 'game:watch:' .. user, room .. '|' .. me)
        redis.call(op, p .. 'game:owner:' .. me .. ':watchers', user .. '|' .. room)
        redis.call('SADD', p .. 'game:owners', me)
        """;

    // ARGV: prefix, this instance, snapshot (JSON), lease ms.
    private const string PublishScript = """
        redis.call('SET', ARGV[1] .. 'game:live:' .. ARGV[2], ARGV[3], 'PX', ARGV[4])
        redis.call('SADD', ARGV[1] .. 'game:owners', ARGV[2])
        """;

    // ARGV: prefix, user. Returns {seat or '', watched…}.
    private const string RoomsOfScript = """
        local p, user = ARGV[1], ARGV[2]
        return {redis.call('GET', p .. 'game:seat:' .. user) or '', redis.call('SMEMBERS', p .. 'game:watch:' .. user)}
        """;

    // ARGV: prefix, this instance. The other instances' snapshots.
    private const string OthersLiveScript = """
        local p, me = ARGV[1], ARGV[2]
        local found = {}
        for _, owner in ipairs(redis.call('SMEMBERS', p .. 'game:owners')) do
          if owner ~= me then
            local live = redis.call('GET', p .. 'game:live:' .. owner)
            if live then found[#found + 1] = live end
          end
        end
        return found
        """;

    // ARGV: prefix, then instance ids. Returns those without an alive key.
    private const string DeadAmongScript = $$"""
        local dead = {}
        for i = 2, #ARGV do
          if redis.call('EXISTS', ARGV[1] .. '{{Alive}}' .. ARGV[i]) == 0 then dead[#dead + 1] = ARGV[i] end
        end
        return dead
        """;

    // ARGV: prefix, owner. Forgets everything of the owner if its alive key is gone; 1 when it did.
    private const string ForgetScript = $$"""
        local p, owner = ARGV[1], ARGV[2]
        if redis.call('EXISTS', p .. '{{Alive}}' .. owner) == 1 then return 0 end
        local index = p .. 'game:owner:' .. owner
        for _, room in ipairs(redis.call('SMEMBERS', index .. ':rooms')) do
          local queued = redis.call('HMGET', p .. 'game:room:' .. room, 'queue', 'entry')
          if queued[1] then redis.call('LREM', queued[1], 0, queued[2]) end
          redis.call('DEL', p .. 'game:room:' .. room)
        end
        for _, user in ipairs(redis.call('SMEMBERS', index .. ':seats')) do
          local seat = redis.call('GET', p .. 'game:seat:' .. user)
          if seat and string.sub(seat, -(#owner + 1)) == '|' .. owner then redis.call('DEL', p .. 'game:seat:' .. user) end
        end
        for _, watcher in ipairs(redis.call('SMEMBERS', index .. ':watchers')) do
          local user, room = string.match(watcher, '^([^|]+)|(.+)$')
          redis.call('SREM', p .. 'game:watch:' .. user, room .. '|' .. owner)
        end
        redis.call('DEL', index .. ':rooms', index .. ':seats', index .. ':watchers', index .. ':stated', p .. 'game:live:' .. owner)
        redis.call('SREM', p .. 'game:owners', owner)
        return 1
        """;

    // ARGV: prefix, this instance, its rooms (JSON: id, players (host first), spectators, queue: the mode it waits in or '').
    // Adds what is missing, changes nothing there already: a seat pointing elsewhere stays, a room listed in its queue
    // is not listed twice, a waiting room whose host sits elsewhere is not listed. Then marks the part as stated.
    private const string RestateScript = """
        local p, me = ARGV[1], ARGV[2]
        local index = p .. 'game:owner:' .. me
        for _, r in ipairs(cjson.decode(ARGV[3])) do
          local key, place = p .. 'game:room:' .. r.id, r.id .. '|' .. me
          redis.call('HSET', key, 'owner', me)
          redis.call('SADD', index .. ':rooms', r.id)
          for _, user in ipairs(r.players) do
            local seat = p .. 'game:seat:' .. user
            local held = redis.call('GET', seat)
            if not held then
              redis.call('SET', seat, place)
              held = place
            end
            if held == place then redis.call('SADD', index .. ':seats', user) end
          end
          for _, user in ipairs(r.spectators) do
            redis.call('SADD', p .. 'game:watch:' .. user, place)
            redis.call('SADD', index .. ':watchers', user .. '|' .. r.id)
          end
          local host = r.players[1]
          if r.queue ~= '' and host and redis.call('HEXISTS', key, 'queue') == 0
              and redis.call('GET', p .. 'game:seat:' .. host) == place then
            local queue, entry = p .. 'game:queue:' .. r.queue, r.id .. '|' .. me .. '|' .. host
            redis.call('RPUSH', queue, entry)
            redis.call('HSET', key, 'queue', queue, 'entry', entry)
          end
        end
        redis.call('SADD', p .. 'game:owners', me)
        redis.call('SET', index .. ':stated', '1')
        """;

    // Writes kept while Redis is down, sent again in order before the next one (a generous bound: these are rare).
    private const int MaxUnsent = 100_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly RedisScaleOut _scaleOut;
    private readonly IDatabase _redis;
    private readonly TimeSpan _leaseTtl;
    private readonly ILogger<RedisGameDirectory> _logger;
    // Owners never change: found ones are kept (own rooms until they close; others within a bound).
    private readonly MemoryCache _owners = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private readonly Lock _writeGate = new();
    private readonly Queue<(string Script, RedisValue[] Values)> _unsent = new();
    // When the connection to Redis was last restored (Environment.TickCount64): for a lease time after it, nobody is
    // declared dead (a Redis that restarted empty holds no lease until each instance renews its own).
    private long _restoredAt = long.MinValue / 2;
    // Whether this instance has written its part once (Restate; the game loop's thread only).
    private bool _stated;
    // _unsent.Count, readable without the lock (reads check it before each call).
    private int _kept;

    public RedisGameDirectory(RedisScaleOut scaleOut, IOptions<ScaleOutOptions> options, ILogger<RedisGameDirectory> logger)
    {
        _scaleOut = scaleOut;
        _redis = scaleOut.Redis.GetDatabase();
        _leaseTtl = options.Value.LeaseTtl;
        _logger = logger;
        scaleOut.Redis.ConnectionRestored += OnConnectionRestored;
    }

    public string InstanceId => _scaleOut.InstanceId;

    private string Prefix => _scaleOut.KeyPrefix;

    public async Task<QueueTicket> JoinQueueAsync(Guid userId, GameMode mode, Guid preparedRoomId, IReadOnlyCollection<Guid> excluded, CancellationToken cancellationToken)
    {
        FlushKept();
        var values = new RedisValue[5 + excluded.Count];
        values[0] = Prefix;
        values[1] = userId.ToString();
        values[2] = mode.ToName();
        values[3] = preparedRoomId.ToString();
        values[4] = InstanceId;
        var i = 5;
        foreach (var user in excluded)
        {
            values[i++] = user.ToString();
        }

        // Once sent, the answer is awaited whatever the token says: a caller that stopped listening to an "opened" or
        // "matched" would never release the seat it was given (Redis's own timeout bounds the wait).
        cancellationToken.ThrowIfCancellationRequested();
        var result = (RedisResult[])(await _redis.ScriptEvaluateAsync(JoinQueueScript, values: values))!;
        return (string)result[0]! switch
        {
            "busy" => new QueueTicket.Busy(),
            "opened" => Opened(preparedRoomId),
            _ => new QueueTicket.Matched(Guid.Parse((string)result[1]!), (string)result[2]!, Guid.Parse((string)result[3]!)),
        };
    }

    public async Task<bool> TryTakeSeatAsync(Guid userId, Guid roomId, string owner, CancellationToken cancellationToken)
    {
        FlushKept();
        cancellationToken.ThrowIfCancellationRequested();
        // Not abandoned once sent (as for the queue): a seat taken must reach the caller, who releases it if need be.
        return (long)await _redis.ScriptEvaluateAsync(TakeSeatScript, values: [Prefix, userId.ToString(), roomId.ToString(), owner]) == 1;
    }

    public async Task<RoomPlace?> SeatOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        FlushKept();
        return ParsePlace(await _redis.StringGetAsync(_scaleOut.Key($"game:seat:{userId}")).WaitAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<RoomPlace>> RoomsOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        FlushKept();
        var result = (RedisResult[])(await _redis.ScriptEvaluateAsync(RoomsOfScript, values: [Prefix, userId.ToString()]).WaitAsync(cancellationToken))!;
        var rooms = new List<RoomPlace>();
        if (ParsePlace((string?)result[0]) is { } seat)
        {
            rooms.Add(seat);
        }

        foreach (var watched in (RedisResult[])result[1]!)
        {
            if (ParsePlace((string?)watched) is { } place && !rooms.Exists(room => room.RoomId == place.RoomId))
            {
                rooms.Add(place);
            }
        }

        return rooms;
    }

    public async ValueTask<string?> OwnerOfAsync(Guid roomId, CancellationToken cancellationToken)
    {
        if (_owners.TryGetValue(roomId, out string? known))
        {
            return known;
        }

        FlushKept();
        string? owner = await _redis.HashGetAsync(_scaleOut.Key($"game:room:{roomId}"), "owner").WaitAsync(cancellationToken);
        if (owner is not null)
        {
            Remember(roomId, owner);
        }

        return owner;
    }

    public void RoomOpened(Guid roomId)
    {
        Remember(roomId, InstanceId);
        Write(RoomOpenedScript, [Prefix, InstanceId, roomId.ToString()]);
    }

    public void RoomClosed(Guid roomId)
    {
        _owners.Remove(roomId);
        Write(RoomClosedScript, [Prefix, InstanceId, roomId.ToString()]);
    }

    public void ReleaseSeat(Guid userId, Guid roomId) =>
        Write(ReleaseSeatScript, [Prefix, userId.ToString(), roomId.ToString()]);

    public void Watching(Guid userId, Guid roomId, bool watching) =>
        Write(WatchingScript, [Prefix, InstanceId, userId.ToString(), roomId.ToString(), watching ? "1" : "0"]);

    public void PublishLiveGames(IReadOnlyList<LiveGame> games)
    {
        var snapshot = JsonSerializer.Serialize(games, Json);
        lock (_writeGate)
        {
            // Every second: what an outage kept goes first. A snapshot that cannot be sent is not kept (the next replaces it).
            if (SendUnsent())
            {
                TrySend(PublishScript, [Prefix, InstanceId, snapshot, (long)_leaseTtl.TotalMilliseconds]);
            }
        }
    }

    public async Task<IReadOnlyList<LiveGame>> OtherInstancesLiveGamesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var snapshots = (RedisResult[])(await _redis.ScriptEvaluateAsync(OthersLiveScript, values: [Prefix, InstanceId]).WaitAsync(cancellationToken))!;
            return [.. snapshots.SelectMany(snapshot => JsonSerializer.Deserialize<List<LiveGame>>((string)snapshot!, Json) ?? [])];
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is down: the list shows this instance's own games only.
            return [];
        }
    }

    public async Task<IReadOnlyCollection<string>> DeadAmongAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        if (instanceIds.Count == 0 || JustReconnected)
        {
            return [];
        }

        try
        {
            RedisValue[] values = [Prefix, .. instanceIds.Select(id => (RedisValue)id)];
            var dead = (RedisResult[])(await _redis.ScriptEvaluateAsync(DeadAmongScript, values: values).WaitAsync(cancellationToken))!;
            return [.. dead.Select(id => (string)id!)];
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is down: no lease can be read, so nobody is declared dead.
            return [];
        }
    }

    public async Task ForgetDeadOwnersAsync(CancellationToken cancellationToken)
    {
        if (JustReconnected)
        {
            return;
        }

        try
        {
            foreach (var owner in await _redis.SetMembersAsync(_scaleOut.Key("game:owners")).WaitAsync(cancellationToken))
            {
                if (owner != InstanceId
                    && (long)await _redis.ScriptEvaluateAsync(ForgetScript, values: [Prefix, owner]).WaitAsync(cancellationToken) == 1)
                {
                    LogForgotten(owner.ToString());
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is down: the next sweep tries again.
        }
    }

    public async Task<bool> MustRestateAsync(CancellationToken cancellationToken)
    {
        try
        {
            FlushKept();
            return !await _redis.KeyExistsAsync(_scaleOut.Key($"game:owner:{InstanceId}:stated")).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is down: whether it lost anything can be told once it is back.
            return false;
        }
    }

    public void Restate(IReadOnlyList<OwnedRoom> rooms)
    {
        var part = JsonSerializer.Serialize(
            rooms.Select(room => new StatedRoom(room.RoomId, room.Players, room.Spectators, room.WaitingIn?.ToName() ?? "")), Json);
        // The first time is this instance's start (nothing was lost); a later one means Redis had lost its part.
        if (_stated)
        {
            LogRestated(InstanceId, rooms.Count);
        }

        _stated = true;
        Write(RestateScript, [Prefix, InstanceId, part]);
    }

    public void Dispose()
    {
        _scaleOut.Redis.ConnectionRestored -= OnConnectionRestored;
        _owners.Dispose();
    }

    /// <summary>
    /// Within a lease time of the connection coming back: a missing alive key proves nothing yet (Redis may have restarted
    /// empty, and the living instances renew theirs within a third of it), so no owner is declared dead or forgotten.
    /// </summary>
    private bool JustReconnected => Environment.TickCount64 - Volatile.Read(ref _restoredAt) < (long)_leaseTtl.TotalMilliseconds;

    private QueueTicket.Opened Opened(Guid roomId)
    {
        Remember(roomId, InstanceId);
        return new QueueTicket.Opened();
    }

    private void Remember(Guid roomId, string owner) =>
        _owners.Set(roomId, owner, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });

    private static RoomPlace? ParsePlace(string? place)
    {
        var bar = place?.IndexOf('|') ?? -1;
        return bar > 0 && Guid.TryParse(place.AsSpan(0, bar), out var roomId) ? new RoomPlace(roomId, place![(bar + 1)..]) : null;
    }

    /// <summary>Before a read: what an outage kept is sent first, so the read sees this instance's writes.</summary>
    private void FlushKept()
    {
        if (Volatile.Read(ref _kept) > 0)
        {
            lock (_writeGate)
            {
                SendUnsent();
            }
        }
    }

    /// <summary>Sends a loop-thread write without waiting, after any kept from an outage, in the order made.</summary>
    private void Write(string script, RedisValue[] values)
    {
        lock (_writeGate)
        {
            if (!SendUnsent() || !TrySend(script, values))
            {
                if (_unsent.Count == MaxUnsent)
                {
                    LogUnsentDropped(MaxUnsent);
                    return;
                }

                if (_unsent.Count == 0)
                {
                    LogKeptUnsent(InstanceId);
                }

                _unsent.Enqueue((script, values));
                Volatile.Write(ref _kept, _unsent.Count);
            }
        }
    }

    private bool SendUnsent()
    {
        if (_unsent.Count == 0)
        {
            return true;
        }

        while (_unsent.TryPeek(out var write))
        {
            if (!TrySend(write.Script, write.Values))
            {
                return false;
            }

            _unsent.Dequeue();
            Volatile.Write(ref _kept, _unsent.Count);
        }

        LogUnsentSent(InstanceId);
        return true;
    }

    /// <summary>
    /// Queues the script on the connection without waiting for its reply. False when it was not written at all (Redis
    /// is down: with <see cref="BacklogPolicy.FailFast"/> the command fails at once), so it can be kept and sent later in
    /// order. Not fire-and-forget: such a command is dropped silently while the connection is down.
    /// </summary>
    private bool TrySend(string script, RedisValue[] values)
    {
        Task<RedisResult> sent;
        try
        {
            sent = _redis.ScriptEvaluateAsync(script, values: values);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }

        if (sent.IsFaulted)
        {
            _ = sent.Exception;
            return false;
        }

        // Lost on the way (the connection broke with it in flight): whether Redis ran it cannot be known.
        sent.ContinueWith(
            static (failed, state) => ((RedisGameDirectory)state!).LogLostInFlight(failed.Exception!.GetBaseException()),
            this, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return true;
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }

        Volatile.Write(ref _restoredAt, Environment.TickCount64);
        lock (_writeGate)
        {
            SendUnsent();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Game directory: Redis does not take this instance's ({InstanceId}) changes (rooms, seats, watchers); they are kept in order and sent once it is back")]
    private partial void LogKeptUnsent(string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Game directory: the changes instance {InstanceId} kept during the Redis outage are sent")]
    private partial void LogUnsentSent(string instanceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Game directory: {Max} changes are waiting for Redis already; later ones are dropped")]
    private partial void LogUnsentDropped(int max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Game directory: a change was in flight when the Redis connection broke; Redis may not have applied it")]
    private partial void LogLostInFlight(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Game directory: Redis had lost instance {InstanceId}'s part (restarted empty, or forgotten as dead); its {Rooms} rooms, their seats, queue entries and watchers are written again")]
    private partial void LogRestated(string instanceId, int rooms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Game directory: instance {InstanceId} stopped renewing its lease; its rooms, seats, queue entries and watchers are forgotten")]
    private partial void LogForgotten(string instanceId);

    /// <summary>A room as <see cref="RestateScript"/> reads it.</summary>
    private sealed record StatedRoom(Guid Id, IReadOnlyList<Guid> Players, IReadOnlyList<Guid> Spectators, string Queue);
}
