using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;
using Transcendence.Infrastructure.ScaleOut;

namespace Transcendence.Infrastructure.Presence;

/// <summary>
/// Presence shared by every instance through Redis. Per user a hash <c>{prefix}presence:user:{id}</c>: one field
/// per instance holding them (<c>@{instance}</c> → arrivals minus departures there) and <c>game</c> → the
/// instance that marked them playing. One Lua script changes it and says the status before and after, so only
/// the instance whose change flipped it 0→1 or 1→0 instances (or in and out of a game) tells friends: one
/// <c>PresenceChanged</c> per real change. The script also keeps every non-offline status in
/// <c>{prefix}presence:status</c> and publishes each flip with a sequence number on
/// <c>{prefix}presence:flips</c>, which feeds every instance's cache: <see cref="StatusOf"/> (called per user by
/// every list) reads memory only.
/// </summary>
/// <remarks>
/// <para>
/// Dead instances: each instance renews <c>{prefix}presence:alive:{instance}</c> (expiring after
/// <c>ScaleOut:LeaseTtl</c>) every third of it and keeps the set <c>{prefix}presence:instance:{instance}</c> of the
/// users it holds; <see cref="SweepAsync"/> (every instance, every beat) removes the fields of every instance whose
/// key expired, in one script that first checks it did, and reports who went offline. No singleton lease: the
/// script is atomic and empties the dead instance's part, so whichever sweeper runs first finds every flip and
/// the others find none; a dead instance is counted out within <c>ScaleOut:LeaseTtl</c> and a third.
/// </para>
/// <para>
/// Redis down: this instance keeps its own arrivals, departures and games in memory (it always does) and
/// answers from its cache plus what it holds itself; once Redis answers again, the next renewal writes this
/// instance's whole part again (absolute counts, in one script) and reports the users whose status that flipped,
/// so no change made during the outage is lost and nobody stays online for an instance that no longer holds
/// them. The same happens when Redis restarted empty or this instance's lease lapsed and it was swept. Changes
/// are sent to Redis in the order this instance decided them (queued under one lock on the one connection),
/// which is what lets a rewrite taken under that lock line up exactly with them.
/// </para>
/// </remarks>
public sealed partial class RedisPresenceTracker : IPresenceTracker, IPresenceUpkeep, IDisposable
{
    private const string FlipsChannel = "presence:flips";

    // Shared by every script: a user's status from their hash, and what follows a change of it (the instance's
    // set of users it holds, the status hash, the sequence number and the flip published to every instance).
    private const string Prelude = """
        local function status(key)
          if redis.call('HEXISTS', key, 'game') == 1 then return 'in-game' end
          local all = redis.call('HGETALL', key)
          for i = 1, #all, 2 do
            if all[i] ~= 'game' and tonumber(all[i + 1]) > 0 then return 'online' end
          end
          return 'offline'
        end
        local function tidy(p, key, user, inst)
          if redis.call('HEXISTS', key, '@' .. inst) == 1 or redis.call('HGET', key, 'game') == inst then
            redis.call('SADD', p .. 'presence:instance:' .. inst, user)
          else
            redis.call('SREM', p .. 'presence:instance:' .. inst, user)
          end
        end
        local function settle(p, key, user, before)
          local after = status(key)
          if after == before then return {before, after, 0} end
          -- Starts from the clock in microseconds, so a Redis that restarted empty never reuses a number caches saw.
          local t = redis.call('TIME')
          redis.call('SET', p .. 'presence:seq', t[1] .. string.rep('0', 6 - #t[2]) .. t[2], 'NX')
          local seq = redis.call('INCR', p .. 'presence:seq')
          if after == 'offline' then
            redis.call('HDEL', p .. 'presence:status', user)
          else
            redis.call('HSET', p .. 'presence:status', user, after)
          end
          redis.call('PUBLISH', p .. 'presence:flips', user .. ' ' .. after .. ' ' .. string.format('%.0f', seq))
          return {before, after, seq}
        end

        """;

    // ARGV: prefix, instance, user, connections delta (0: none), game ('1' playing here, '0' not playing, '': unchanged).
    private const string ChangeScript = Prelude + """
        local p, inst, user = ARGV[1], ARGV[2], ARGV[3]
        local key = p .. 'presence:user:' .. user
        local before = status(key)
        local delta = tonumber(ARGV[4])
        if delta ~= 0 and redis.call('HINCRBY', key, '@' .. inst, delta) == 0 then redis.call('HDEL', key, '@' .. inst) end
        local holder = redis.call('HGET', key, 'game')
        if ARGV[5] == '1' then redis.call('HSET', key, 'game', inst) elseif ARGV[5] == '0' then redis.call('HDEL', key, 'game') end
        tidy(p, key, user, inst)
        if holder and holder ~= inst then tidy(p, key, user, holder) end
        return settle(p, key, user, before)
        """;

    // ARGV: prefix, instance, mode ('own': this instance's whole part follows; 'sweep': the instance is dead, if its
    // lease is indeed gone), then per user: id, connections, playing ('1'/'0'). Returns the flips: id, status, seq…
    private const string RewriteScript = Prelude + $$"""
        local p, inst, mode = ARGV[1], ARGV[2], ARGV[3]
        local set = p .. 'presence:instance:' .. inst
        if mode == 'sweep' and redis.call('EXISTS', p .. '{{RedisScaleOut.AliveKeyName}}' .. inst) == 1 then return {} end
        local want, users = {}, {}
        for i = 4, #ARGV, 3 do
          want[ARGV[i]] = {tonumber(ARGV[i + 1]), ARGV[i + 2]}
          users[ARGV[i]] = true
        end
        for _, user in ipairs(redis.call('SMEMBERS', set)) do users[user] = true end
        local flips = {}
        for user in pairs(users) do
          local key = p .. 'presence:user:' .. user
          local before = status(key)
          local w = want[user]
          if w and w[1] ~= 0 then redis.call('HSET', key, '@' .. inst, w[1]) else redis.call('HDEL', key, '@' .. inst) end
          if w and w[2] == '1' then
            redis.call('HSET', key, 'game', inst)
          elseif redis.call('HGET', key, 'game') == inst then
            redis.call('HDEL', key, 'game')
          end
          tidy(p, key, user, inst)
          local r = settle(p, key, user, before)
          if r[3] ~= 0 then
            flips[#flips + 1] = user
            flips[#flips + 1] = r[2]
            flips[#flips + 1] = r[3]
          end
        end
        if mode == 'sweep' then
          redis.call('DEL', set)
          redis.call('SREM', p .. 'presence:instances', inst)
        end
        return flips
        """;

    // ARGV: prefix, instance, lease ms. 1: the lease was renewed; 0: it had lapsed (or never was): set again.
    private const string RenewScript = $$"""
        local p, inst = ARGV[1], ARGV[2]
        redis.call('SADD', p .. 'presence:instances', inst)
        if redis.call('PEXPIRE', p .. '{{RedisScaleOut.AliveKeyName}}' .. inst, ARGV[3]) == 1 then return 1 end
        redis.call('SET', p .. '{{RedisScaleOut.AliveKeyName}}' .. inst, '1', 'PX', ARGV[3])
        return 0
        """;

    // ARGV: prefix. The last sequence number and every non-offline status, read at one instant.
    private const string SnapshotScript = """
        return {redis.call('GET', ARGV[1] .. 'presence:seq') or '0', redis.call('HGETALL', ARGV[1] .. 'presence:status')}
        """;

    private readonly RedisScaleOut _scaleOut;
    private readonly IDatabase _redis;
    private readonly TimeSpan _leaseTtl;
    private readonly ILogger<RedisPresenceTracker> _logger;

    // This instance's own part, the truth a rewrite sends; changes are queued to Redis under this lock.
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, int> _here = [];
    private readonly HashSet<Guid> _playing = [];
    // Set when Redis may not hold this instance's part as it is (a change failed, the lease lapsed, start).
    private bool _unsynced = true;

    // What every instance's flips say: non-offline statuses (and, for a moment, an offline this instance caused).
    private readonly Lock _cacheGate = new();
    private readonly Dictionary<Guid, (string Status, long Seq)> _cache = [];
    private long _flipsSeen;
    private bool _cacheStale = true;
    private bool _subscribed;

    public RedisPresenceTracker(RedisScaleOut scaleOut, IOptions<ScaleOutOptions> options, ILogger<RedisPresenceTracker> logger)
    {
        _scaleOut = scaleOut;
        _redis = scaleOut.Redis.GetDatabase();
        _leaseTtl = options.Value.LeaseTtl;
        _logger = logger;
        scaleOut.Redis.ConnectionFailed += OnConnectionFailed;
    }

    public TimeSpan? Beat => _leaseTtl / 3;

    public ValueTask<bool> ArrivedAsync(Guid userId, CancellationToken cancellationToken) =>
        ChangeAsync(userId, 1, game: null);

    public ValueTask<bool> LeftAsync(Guid userId, CancellationToken cancellationToken) =>
        ChangeAsync(userId, -1, game: null);

    public ValueTask<bool> SetInGameAsync(Guid userId, bool inGame, CancellationToken cancellationToken) =>
        ChangeAsync(userId, 0, inGame);

    public string StatusOf(Guid userId)
    {
        string shared;
        lock (_cacheGate)
        {
            shared = _cache.TryGetValue(userId, out var entry) ? entry.Status : UserStatus.Offline;
        }

        lock (_gate)
        {
            // While Redis may not know what this instance holds, what it holds still shows.
            return !_unsynced ? shared
                : _playing.Contains(userId) ? UserStatus.InGame
                : _here.GetValueOrDefault(userId) > 0 && shared == UserStatus.Offline ? UserStatus.Online
                : shared;
        }
    }

    public async Task<IReadOnlyList<Guid>> RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SubscribeAsync();
            var renewed = (long)await _redis.ScriptEvaluateAsync(
                RenewScript, values: [_scaleOut.KeyPrefix, _scaleOut.InstanceId, (long)_leaseTtl.TotalMilliseconds]);
            bool rewrite;
            lock (_gate)
            {
                rewrite = _unsynced || renewed == 0;
            }

            var flipped = rewrite ? await RewriteOwnPartAsync() : [];
            bool stale;
            lock (_cacheGate)
            {
                stale = _cacheStale;
            }

            if (stale)
            {
                await ReadSnapshotAsync();
            }

            return flipped;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is down or slow (RedisScaleOut logs it): the next beat tries again.
            return [];
        }
    }

    public async Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken)
    {
        var flipped = new List<Guid>();
        try
        {
            var instances = await _redis.SetMembersAsync(_scaleOut.Key("presence:instances"));
            foreach (var instance in instances)
            {
                var result = await _redis.ScriptEvaluateAsync(RewriteScript, values: [_scaleOut.KeyPrefix, instance, "sweep"]);
                var flips = ApplyFlips(result);
                if (flips.Count > 0)
                {
                    LogCountedOut(instance.ToString(), flips.Count);
                    flipped.AddRange(flips);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is down or slow: the next sweep tries again.
        }

        return flipped;
    }

    public void Dispose() => _scaleOut.Redis.ConnectionFailed -= OnConnectionFailed;

    private async ValueTask<bool> ChangeAsync(Guid userId, int delta, bool? game)
    {
        Task<RedisResult> sent;
        lock (_gate)
        {
            if (delta != 0)
            {
                var here = _here.GetValueOrDefault(userId) + delta;
                if (here == 0)
                {
                    _here.Remove(userId);
                }
                else
                {
                    _here[userId] = here;
                }
            }

            if (game is { } playing)
            {
                if (playing)
                {
                    _playing.Add(userId);
                }
                else
                {
                    _playing.Remove(userId);
                }
            }

            try
            {
                // Queued under the lock: Redis runs this instance's changes in the order it made them.
                sent = _redis.ScriptEvaluateAsync(ChangeScript, values:
                [
                    _scaleOut.KeyPrefix, _scaleOut.InstanceId, userId.ToString(), delta,
                    game switch { true => "1", false => "0", null => "" },
                ]);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                sent = Task.FromException<RedisResult>(ex);
            }
        }

        try
        {
            var result = (RedisResult[])(await sent)!;
            var seq = (long)result[2];
            if (seq != 0)
            {
                ApplyFlip(userId, (string)result[1]!, seq, fromChannel: false);
            }

            return seq != 0;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Kept here and written again when Redis answers (RenewAsync); friends here hear nothing meanwhile.
            MarkUnsynced(ex);
            return false;
        }
    }

    private async Task<IReadOnlyList<Guid>> RewriteOwnPartAsync()
    {
        Task<RedisResult> sent;
        lock (_gate)
        {
            _unsynced = false;
            var values = new List<RedisValue>(3 + 3 * _here.Count) { _scaleOut.KeyPrefix, _scaleOut.InstanceId, "own" };
            foreach (var userId in _here.Keys.Union(_playing))
            {
                values.Add(userId.ToString());
                values.Add(_here.GetValueOrDefault(userId));
                values.Add(_playing.Contains(userId) ? "1" : "0");
            }

            sent = _redis.ScriptEvaluateAsync(RewriteScript, values: [.. values]);
        }

        try
        {
            var flipped = ApplyFlips(await sent);
            LogRewritten(_scaleOut.InstanceId, flipped.Count);
            return flipped;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            MarkUnsynced(ex);
            throw;
        }
    }

    private async Task SubscribeAsync()
    {
        if (Volatile.Read(ref _subscribed))
        {
            return;
        }

        // StackExchange.Redis subscribes again by itself after a reconnect; the cache is read afresh then (stale).
        var queue = await _scaleOut.Redis.GetSubscriber().SubscribeAsync(_scaleOut.Channel(FlipsChannel));
        queue.OnMessage(message => OnFlip(message.Message));
        Volatile.Write(ref _subscribed, true);
    }

    private void OnFlip(RedisValue message)
    {
        var parts = ((string)message!).Split(' ');
        if (parts.Length == 3 && Guid.TryParse(parts[0], out var userId) && long.TryParse(parts[2], out var seq))
        {
            ApplyFlip(userId, parts[1], seq, fromChannel: true);
        }
    }

    /// <summary>
    /// Flips come in order on the channel; this instance's own script answers may overtake or trail them, so an
    /// answer older than what the channel already said is dropped, and nothing older than an entry replaces it.
    /// </summary>
    private void ApplyFlip(Guid userId, string status, long seq, bool fromChannel)
    {
        lock (_cacheGate)
        {
            if (seq <= _flipsSeen)
            {
                return;
            }

            if (fromChannel)
            {
                _flipsSeen = seq;
            }

            if (_cache.TryGetValue(userId, out var entry) && entry.Seq > seq)
            {
                return;
            }

            if (status == UserStatus.Offline && fromChannel)
            {
                _cache.Remove(userId);
            }
            else
            {
                _cache[userId] = (status, seq);
            }
        }
    }

    private List<Guid> ApplyFlips(RedisResult result)
    {
        var flips = (RedisResult[])result!;
        var users = new List<Guid>(flips.Length / 3);
        for (var i = 0; i + 2 < flips.Length; i += 3)
        {
            var userId = Guid.Parse((string)flips[i]!);
            ApplyFlip(userId, (string)flips[i + 1]!, (long)flips[i + 2], fromChannel: false);
            users.Add(userId);
        }

        return users;
    }

    private async Task ReadSnapshotAsync()
    {
        lock (_cacheGate)
        {
            _cacheStale = false;
        }

        var snapshot = (RedisResult[])(await _redis.ScriptEvaluateAsync(SnapshotScript, values: [_scaleOut.KeyPrefix]))!;
        var seq = (long)snapshot[0];
        var statuses = (RedisResult[])snapshot[1]!;
        lock (_cacheGate)
        {
            foreach (var (userId, entry) in _cache.ToList())
            {
                if (entry.Seq <= seq)
                {
                    _cache.Remove(userId);
                }
            }

            for (var i = 0; i + 1 < statuses.Length; i += 2)
            {
                var userId = Guid.Parse((string)statuses[i]!);
                if (!_cache.ContainsKey(userId))
                {
                    _cache[userId] = ((string)statuses[i + 1]!, seq);
                }
            }

            _flipsSeen = Math.Max(_flipsSeen, seq);
        }
    }

    private void MarkUnsynced(Exception exception)
    {
        bool first;
        lock (_gate)
        {
            first = !_unsynced;
            _unsynced = true;
        }

        if (first)
        {
            LogUnsynced(exception, _scaleOut.InstanceId);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        lock (_cacheGate)
        {
            // Flips published while the subscription is down are missed: read the whole picture once it is back.
            _cacheStale = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Presence could not reach Redis (instance {InstanceId}): this instance keeps its users' arrivals and departures and shows them itself; " +
        "it writes them to Redis again, and friends hear what changed, once Redis answers")]
    private partial void LogUnsynced(Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Presence of instance {InstanceId} written to Redis again; {Flipped} users' status changed by it")]
    private partial void LogRewritten(string instanceId, int flipped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Presence: instance {InstanceId} stopped renewing its lease and was counted out; {Flipped} users' status changed by it")]
    private partial void LogCountedOut(string instanceId, int flipped);
}
