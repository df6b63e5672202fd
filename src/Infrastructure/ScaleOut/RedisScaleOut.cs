using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Transcendence.Infrastructure.ScaleOut;

/// <summary>
/// Scale-out mode, for every part that shares live state through Redis. <see cref="IsOn"/> says from the
/// configuration (at composition) whether the app runs as one of several instances; when it does, this
/// class is a singleton in the container: the one shared <see cref="IConnectionMultiplexer"/>, this
/// instance's id, and the key prefix every Redis key and pub/sub channel goes under (<see cref="Key"/>,
/// <see cref="Channel"/>).
/// </summary>
/// <remarks>
/// The connection never stops the app: it starts while Redis is down (<c>abortConnect=false</c>) and
/// reconnects by itself. While it is down, commands fail at once instead of queueing
/// (<see cref="BacklogPolicy.FailFast"/>), so each user of it falls back on its own terms without waiting;
/// one warning is logged when the connection is lost and one line when it is back.
/// </remarks>
public sealed partial class RedisScaleOut : IDisposable
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Redis</c>.</summary>
    public const string ConnectionStringName = "Redis";

    private readonly ILogger<RedisScaleOut> _logger;
    // The connections (endpoint and kind) seen failing and not yet restored: one line per outage, not per retry.
    private readonly ConcurrentDictionary<string, byte> _down = new();

    public RedisScaleOut(IOptions<ScaleOutOptions> options, ILogger<RedisScaleOut> logger)
    {
        _logger = logger;
        var settings = options.Value;
        InstanceId = settings.InstanceId;
        KeyPrefix = settings.KeyPrefix;
        var configuration = ConfigurationOptions.Parse(settings.RedisConnectionString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= InstanceId;
        Redis = ConnectionMultiplexer.Connect(configuration);
        Redis.ConnectionFailed += OnConnectionFailed;
        Redis.ConnectionRestored += OnConnectionRestored;
        if (!Redis.IsConnected)
        {
            // Counted as down from the start, so the line saying it came back is written too.
            foreach (var endpoint in Redis.GetEndPoints())
            {
                _down.TryAdd(DownKey(endpoint, ConnectionType.Interactive), 0);
                _down.TryAdd(DownKey(endpoint, ConnectionType.Subscription), 0);
            }

            LogUnreachableAtStart(configuration.ToString(includePassword: false));
        }
    }

    /// <summary>True when <c>ConnectionStrings:Redis</c> is set: several instances share Redis and PostgreSQL.</summary>
    public static bool IsOn(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));

    /// <summary>The one connection to Redis this instance holds (thread-safe; share it, never dispose it).</summary>
    public IConnectionMultiplexer Redis { get; }

    /// <summary>This instance's id (<c>ScaleOut:InstanceId</c>).</summary>
    public string InstanceId { get; }

    /// <summary>What every key and channel starts with (<c>ScaleOut:KeyPrefix</c>).</summary>
    public string KeyPrefix { get; }

    /// <summary>
    /// The start of an instance's alive key (after the prefix, before the instance's id): the presence tracker renews
    /// it every third of <c>ScaleOut:LeaseTtl</c>, and whatever must know whether an instance lives (the game
    /// directory's dead owners) reads the same key rather than keeping a lease of its own.
    /// </summary>
    public const string AliveKeyName = "presence:alive:";

    /// <summary>The key that exists while <paramref name="instanceId"/> is alive (see <see cref="AliveKeyName"/>).</summary>
    public RedisKey AliveKey(string instanceId) => Key(AliveKeyName + instanceId);

    /// <summary>A Redis key under the app's prefix: <c>Key("lease:restriction-sweeper")</c>.</summary>
    public RedisKey Key(string name) => KeyPrefix + name;

    /// <summary>A pub/sub channel under the app's prefix (literal, not a pattern).</summary>
    public RedisChannel Channel(string name) => RedisChannel.Literal(KeyPrefix + name);

    public void Dispose()
    {
        Redis.ConnectionFailed -= OnConnectionFailed;
        Redis.ConnectionRestored -= OnConnectionRestored;
        Redis.Dispose();
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (_down.TryAdd(DownKey(e.EndPoint, e.ConnectionType), 0))
        {
            LogConnectionLost(e.Exception, e.EndPoint?.ToString(), e.ConnectionType, e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (_down.TryRemove(DownKey(e.EndPoint, e.ConnectionType), out _))
        {
            LogConnectionRestored(e.EndPoint?.ToString(), e.ConnectionType);
        }
    }

    private static string DownKey(System.Net.EndPoint? endpoint, ConnectionType type) => $"{endpoint}/{type}";

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Redis connection lost ({Endpoint}, {ConnectionType}: {FailureType}): this instance keeps serving the connections it holds; " +
        "what it shares with the other instances is paused until Redis is back (it reconnects by itself)")]
    private partial void LogConnectionLost(Exception? exception, string? endpoint, ConnectionType connectionType, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection restored ({Endpoint}, {ConnectionType}): sharing with the other instances resumes")]
    private partial void LogConnectionRestored(string? endpoint, ConnectionType connectionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis ({Configuration}) does not answer at start: this instance starts anyway and connects as soon as it does")]
    private partial void LogUnreachableAtStart(string configuration);
}
