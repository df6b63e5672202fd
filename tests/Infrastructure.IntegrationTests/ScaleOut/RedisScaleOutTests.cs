using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Transcendence.Infrastructure.ScaleOut;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.ScaleOut;

/// <summary>The shared Redis connection: never stops the app, reconnects by itself, and says when it is lost and back.</summary>
public sealed class RedisScaleOutTests
{
    [Test]
    public async Task A_lost_connection_is_logged_once_per_connection_and_its_return_too()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var log = new FakeLogger<RedisScaleOut>();
        using var scaleOut = RedisKit.Connect(redis.Endpoint, logger: log);
        await RedisKit.UntilConnectedAsync(scaleOut);

        await redis.StopAsync();
        await Eventually.HoldsAsync(() => Lines(log, "Redis connection lost") > 0, "the loss is logged");
        // While it is down, commands fail at once instead of waiting in a queue (each user falls back on its own terms).
        (await Ping(scaleOut)).ShouldBeTrue();
        await redis.RestartAsync();
        await RedisKit.UntilConnectedAsync(scaleOut);
        await Eventually.HoldsAsync(() => Lines(log, "Redis connection restored") == Lines(log, "Redis connection lost"), "each loss has its return logged");

        Lines(log, "Redis connection lost").ShouldBeInRange(1, 2); // the command connection, and the pub/sub one
        log.Collector.GetSnapshot().Where(entry => entry.Message.Contains("connection lost")).ShouldAllBe(entry => entry.Level == LogLevel.Warning);
        await scaleOut.Redis.GetDatabase().PingAsync();
    }

    [Test]
    public async Task Redis_down_at_start_does_not_stop_the_connection_which_comes_up_with_Redis()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await redis.StopAsync();
        var log = new FakeLogger<RedisScaleOut>();

        using var scaleOut = RedisKit.Connect(redis.Endpoint, logger: log);

        scaleOut.Redis.IsConnected.ShouldBeFalse();
        Lines(log, "does not answer at start").ShouldBe(1);
        await redis.RestartAsync();
        await RedisKit.UntilConnectedAsync(scaleOut);
        await Eventually.HoldsAsync(() => Lines(log, "Redis connection restored") > 0, "its arrival is logged");
    }

    [Test]
    public void Keys_and_channels_go_under_the_prefix()
    {
        var options = RedisKit.Options("127.0.0.1:1");
        options.KeyPrefix = "app-a:";
        using var scaleOut = new RedisScaleOut(Microsoft.Extensions.Options.Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisScaleOut>.Instance);

        scaleOut.Key("lease:x").ToString().ShouldBe("app-a:lease:x");
        scaleOut.Channel("chat").ToString().ShouldBe("app-a:chat");
        scaleOut.InstanceId.ShouldBe(options.InstanceId);
    }

    private static int Lines(FakeLogger log, string text) => log.Collector.GetSnapshot().Count(entry => entry.Message.Contains(text, StringComparison.Ordinal));

    /// <summary>True when the PING failed because there is no connection.</summary>
    private static async Task<bool> Ping(RedisScaleOut scaleOut)
    {
        try
        {
            await scaleOut.Redis.GetDatabase().PingAsync();
            return false;
        }
        catch (StackExchange.Redis.RedisConnectionException)
        {
            return true;
        }
    }
}
