using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure.ScaleOut;

namespace Transcendence.Infrastructure.Realtime;

/// <summary>
/// The instances' bus on Redis pub/sub, on the app's shared connection (<see cref="RedisScaleOut"/>): one Redis
/// channel per topic (<c>{ScaleOut:KeyPrefix}rt:{topic}</c>), subscribed while this instance holds something it
/// is about. Each envelope goes out prefixed with this instance's id, so
/// the copy Redis hands back to its own publisher is dropped. A topic is read through StackExchange.Redis's
/// ordered queue (one message at a time, in the order Redis received them). Publishing is fire-and-forget and
/// skipped while Redis is unreachable: local delivery never waits for Redis. StackExchange.Redis reconnects by
/// itself and subscribes again to what it held; what failed to subscribe meanwhile is subscribed when the
/// connection is restored.
/// </summary>
public sealed partial class RedisInstanceBus : IInstanceBus, IDisposable
{
    /// <summary>About five seconds of tries (see <see cref="SubscribeWhileConnectedAsync"/>).</summary>
    private const int SubscribeAttempts = 10;

    private readonly RedisScaleOut _scaleOut;
    private readonly IConnectionMultiplexer _redis;
    private readonly ISubscriber _subscriber;
    private readonly ILogger<RedisInstanceBus> _logger;
    private readonly byte[] _origin = Guid.NewGuid().ToByteArray();
    private readonly Dictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _paused;


    public RedisInstanceBus(RedisScaleOut scaleOut, ILogger<RedisInstanceBus> logger)
    {
        _scaleOut = scaleOut;
        var redis = _redis = scaleOut.Redis;
        _logger = logger;
        _subscriber = redis.GetSubscriber();
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        if (!redis.IsConnected)
        {
            Pause("not connected at start-up");
        }
    }

    public string InstanceId => _scaleOut.InstanceId;

    public bool ReachesOtherInstances => true;

    public bool IsConnected => _redis.IsConnected;

    public void Publish(string topic, ReadOnlyMemory<byte> envelope)
    {
        if (!_redis.IsConnected)
        {
            // Dropped: the other instances' clients read it from the history (messages are rows).
            return;
        }

        var framed = new byte[_origin.Length + envelope.Length];
        _origin.CopyTo(framed, 0);
        envelope.Span.CopyTo(framed.AsSpan(_origin.Length));
        try
        {
            _subscriber.Publish(ChannelOf(topic), framed, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            LogPublishFailed(ex, topic);
        }
    }

    public Task SubscribeAsync(string topic, Action<ReadOnlyMemory<byte>> onEnvelope)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(topic, out var existing))
            {
                return existing.Subscribed;
            }

            var entry = new Topic(topic, onEnvelope);
            _topics[topic] = entry;
            entry.Subscribed = _redis.IsConnected ? StartAsync(entry) : Task.CompletedTask;
            return entry.Subscribed;
        }
    }

    public Task UnsubscribeAsync(string topic)
    {
        ChannelMessageQueue? queue;
        lock (_gate)
        {
            if (!_topics.Remove(topic, out var entry))
            {
                return Task.CompletedTask;
            }

            entry.Dropped = true;
            queue = entry.Queue;
        }

        // Still subscribing: the subscription ends itself when it completes (see StartAsync).
        return queue is null ? Task.CompletedTask : queue.UnsubscribeAsync();
    }

    public void Dispose()
    {
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
    }

    private async Task StartAsync(Topic entry)
    {
        entry.Starting = true;
        ChannelMessageQueue queue;
        try
        {
            queue = await SubscribeWhileConnectedAsync(entry);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Its queue was never handed back: wipe what StackExchange.Redis registered, and subscribe again once
            // the connection is restored.
            _ = _subscriber.UnsubscribeAsync(ChannelOf(entry.Name), flags: CommandFlags.FireAndForget);
            lock (_gate)
            {
                entry.Starting = false;
            }

            throw;
        }

        lock (_gate)
        {
            entry.Starting = false;
            if (!entry.Dropped)
            {
                entry.Queue = queue;
            }
        }

        if (entry.Dropped)
        {
            await queue.UnsubscribeAsync();
            return;
        }

        queue.OnMessage(message => Deliver(entry, message));
    }

    /// <summary>
    /// Subscribes, trying again for a few seconds while the connection says it is up: StackExchange.Redis reports
    /// itself connected once its command connection is, and its subscription connection can follow a moment later
    /// (a SUBSCRIBE then fails at once, and no "restored" event would ever come to make it again). While Redis is
    /// really down the first failure is final here; the restored connection subscribes again.
    /// </summary>
    private async Task<ChannelMessageQueue> SubscribeWhileConnectedAsync(Topic entry)
    {
        var pause = TimeSpan.FromMilliseconds(25);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _subscriber.SubscribeAsync(ChannelOf(entry.Name));
            }
            catch (RedisConnectionException) when (attempt < SubscribeAttempts && _redis.IsConnected && !entry.Dropped)
            {
                _ = _subscriber.UnsubscribeAsync(ChannelOf(entry.Name), flags: CommandFlags.FireAndForget);
                await Task.Delay(pause);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }

    private RedisChannel ChannelOf(string topic) => _scaleOut.Channel("rt:" + topic);

    private void Deliver(Topic entry, ChannelMessage message)
    {
        var framed = (ReadOnlyMemory<byte>)message.Message;
        if (framed.Length < _origin.Length || framed.Span[.._origin.Length].SequenceEqual(_origin))
        {
            return;
        }

        try
        {
            entry.OnEnvelope(framed[_origin.Length..]);
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(ex, entry.Name);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        Pause($"{e.EndPoint} {e.FailureType}: {e.Exception?.Message}");

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription || !_redis.IsConnected)
        {
            return;
        }

        if (Interlocked.Exchange(ref _paused, 0) == 1)
        {
            LogResumed(e.EndPoint?.ToString());
        }

        lock (_gate)
        {
            foreach (var entry in _topics.Values.Where(t => t.Queue is null && !t.Starting))
            {
                entry.Subscribed = StartAsync(entry);
                entry.Subscribed.ContinueWith(t => LogSubscribeFailed(t.Exception!, entry.Name), TaskContinuationOptions.OnlyOnFaulted);
            }
        }
    }

    private void Pause(string why)
    {
        if (Interlocked.Exchange(ref _paused, 1) == 0)
        {
            LogPaused(why);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable ({Why}): cross-instance delivery is paused; this instance keeps delivering to its own connections and resumes by itself when Redis is back")]
    private partial void LogPaused(string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is reachable again ({EndPoint}): cross-instance delivery resumed")]
    private partial void LogResumed(string? endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to {Topic} failed; the other instances miss this one")]
    private partial void LogPublishFailed(Exception exception, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to {Topic} failed; it is made again when Redis is back")]
    private partial void LogSubscribeFailed(Exception exception, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering an envelope from {Topic} failed")]
    private partial void LogDeliveryFailed(Exception exception, string topic);

    private sealed class Topic(string name, Action<ReadOnlyMemory<byte>> onEnvelope)
    {
        public string Name { get; } = name;

        public Action<ReadOnlyMemory<byte>> OnEnvelope { get; } = onEnvelope;

        public Task Subscribed { get; set; } = Task.CompletedTask;

        public ChannelMessageQueue? Queue { get; set; }

        public bool Starting { get; set; }

        public bool Dropped { get; set; }
    }
}
