using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Transcendence.Infrastructure.ScaleOut;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.ScaleOut;

/// <summary>Instances of the app's Redis side for tests: each its own connection and id, as separate processes would have.</summary>
internal static class RedisKit
{
    public static ScaleOutOptions Options(string endpoint, string? instanceId = null, TimeSpan? leaseTtl = null) => new()
    {
        RedisConnectionString = $"{endpoint},abortConnect=false,connectTimeout=2000",
        InstanceId = instanceId ?? ScaleOutOptions.DefaultInstanceId(),
        LeaseTtl = leaseTtl ?? TimeSpan.FromSeconds(1),
    };

    public static RedisScaleOut Connect(string endpoint, string? instanceId = null, TimeSpan? leaseTtl = null, ILogger<RedisScaleOut>? logger = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(endpoint, instanceId, leaseTtl)), logger ?? NullLogger<RedisScaleOut>.Instance);

    public static Task UntilConnectedAsync(RedisScaleOut scaleOut) =>
        Eventually.HoldsAsync(() => scaleOut.Redis.IsConnected, "the connection to Redis is up");
}

/// <summary>A throwaway redis-server for a fixture, and the app instances its tests connect, closed with it.</summary>
internal sealed class RedisInstances : IAsyncDisposable
{
    private readonly List<RedisScaleOut> _instances = [];

    private RedisInstances(RedisTestServer server) => Server = server;

    public RedisTestServer Server { get; }

    public static async Task<RedisInstances> StartAsync() => new(await RedisTestServer.StartAsync());

    /// <summary>One more instance of the app on <paramref name="endpoint"/> (this server when null).</summary>
    public RedisScaleOut Connect(string? endpoint = null, string? instanceId = null, TimeSpan? leaseTtl = null)
    {
        var scaleOut = RedisKit.Connect(endpoint ?? Server.Endpoint, instanceId, leaseTtl);
        _instances.Add(scaleOut);
        return scaleOut;
    }

    public async ValueTask DisposeAsync()
    {
        _instances.ForEach(instance => instance.Dispose());
        await Server.DisposeAsync();
    }
}
