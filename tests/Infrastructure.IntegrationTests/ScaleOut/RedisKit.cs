using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Transcendence.Infrastructure.ScaleOut;

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

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after 30 s.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"within 30 s: {what}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"within 30 s: {what}");
            }

            await Task.Delay(20);
        }
    }

    public static Task UntilConnectedAsync(RedisScaleOut scaleOut) =>
        EventuallyAsync(() => scaleOut.Redis.IsConnected, "the connection to Redis is up");

    public static IDatabase Database(this RedisScaleOut scaleOut) => scaleOut.Redis.GetDatabase();
}
