using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure.IntegrationTests.ScaleOut;
using Transcendence.Infrastructure.RateLimiting;
using Transcendence.Infrastructure.ScaleOut;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.RateLimiting;

/// <summary>What every <see cref="ISendRateLimiter"/> promises: one exact sliding window per user. Run against both twins.</summary>
public abstract class SendRateLimiterContract
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    protected static IOptions<SendLimitOptions> LimitOf(int messages, int windowSeconds) =>
        Options.Create(new SendLimitOptions { Messages = messages, Window = TimeSpan.FromSeconds(windowSeconds) });

    protected abstract ISendRateLimiter Limiter(int messages = 3, int windowSeconds = 5);

    protected static async Task<bool> SendAsync(ISendRateLimiter limiter, Guid user, DateTimeOffset at) =>
        (await limiter.TryAcquireAsync(user, at, CancellationToken.None)).Allowed;

    [Test]
    public async Task Sends_up_to_the_limit_pass_and_the_next_one_is_refused_with_the_wait()
    {
        var limiter = Limiter();
        var user = Guid.NewGuid();

        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(limiter, user, Start.AddSeconds(i))).ShouldBeTrue();
        }

        var refused = await limiter.TryAcquireAsync(user, Start.AddSeconds(3), CancellationToken.None);
        refused.Allowed.ShouldBeFalse();
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task The_window_slides_so_a_send_passes_once_the_oldest_has_aged_out()
    {
        var limiter = Limiter();
        var user = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(limiter, user, Start.AddSeconds(i));
        }

        (await SendAsync(limiter, user, Start.AddSeconds(4.9))).ShouldBeFalse();
        (await SendAsync(limiter, user, Start.AddSeconds(5))).ShouldBeTrue();
        (await SendAsync(limiter, user, Start.AddSeconds(5.5))).ShouldBeFalse();
    }

    [Test]
    public async Task Refused_sends_do_not_count_and_users_have_separate_windows()
    {
        var limiter = Limiter(messages: 1);
        var alice = Guid.NewGuid();

        (await SendAsync(limiter, alice, Start)).ShouldBeTrue();
        for (var i = 0; i < 10; i++)
        {
            (await SendAsync(limiter, alice, Start.AddSeconds(1))).ShouldBeFalse();
        }

        (await SendAsync(limiter, Guid.NewGuid(), Start)).ShouldBeTrue();
        (await SendAsync(limiter, alice, Start.AddSeconds(5))).ShouldBeTrue();
    }
}

public sealed class SlidingWindowSendLimiterTests : SendRateLimiterContract
{
    protected override ISendRateLimiter Limiter(int messages = 3, int windowSeconds = 5) => InProcess(messages, windowSeconds);

    private static SlidingWindowSendLimiter InProcess(int messages = 3, int windowSeconds = 5) => new(LimitOf(messages, windowSeconds));

    [Test]
    public void A_user_whose_sends_have_aged_out_is_forgotten_and_the_limit_still_holds()
    {
        var limiter = InProcess(messages: 2);
        var idle = Guid.NewGuid();
        var busy = Guid.NewGuid();
        limiter.TryAcquire(idle, Start).Allowed.ShouldBeTrue();
        limiter.TryAcquire(busy, Start).Allowed.ShouldBeTrue();
        limiter.TrackedUsers.ShouldBe(2);

        // A window later, the next send anywhere sweeps: the idle user is gone, the sender is held.
        limiter.TryAcquire(busy, Start.AddSeconds(5)).Allowed.ShouldBeTrue();
        limiter.TrackedUsers.ShouldBe(1);
        limiter.TryAcquire(busy, Start.AddSeconds(5.5)).Allowed.ShouldBeTrue();
        var refused = limiter.TryAcquire(busy, Start.AddSeconds(6));
        refused.Allowed.ShouldBeFalse();
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(4));

        // A sweep while a send of the busy user is still within the window keeps it counted.
        limiter.TryAcquire(Guid.NewGuid(), Start.AddSeconds(10.1)).Allowed.ShouldBeTrue();
        limiter.TryAcquire(busy, Start.AddSeconds(10.2)).Allowed.ShouldBeTrue();
        limiter.TryAcquire(busy, Start.AddSeconds(10.3)).Allowed.ShouldBeFalse();

        // The forgotten user starts afresh, with the full limit.
        limiter.TryAcquire(idle, Start.AddSeconds(10.4)).Allowed.ShouldBeTrue();
        limiter.TryAcquire(idle, Start.AddSeconds(10.5)).Allowed.ShouldBeTrue();
        limiter.TryAcquire(idle, Start.AddSeconds(10.6)).Allowed.ShouldBeFalse();
    }
}

/// <summary>The Redis twin on a throwaway redis-server; every limiter made here is one more instance of the app.</summary>
public sealed class RedisSendLimiterTests : SendRateLimiterContract
{
    private RedisInstances _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedis() => _redis = await RedisInstances.StartAsync();

    [OneTimeTearDown]
    public Task StopRedis() => _redis.DisposeAsync().AsTask();

    protected override ISendRateLimiter Limiter(int messages = 3, int windowSeconds = 5) => Instance(messages, windowSeconds);

    private RedisSendLimiter Instance(int messages = 3, int windowSeconds = 5)
    {
        var limit = LimitOf(messages, windowSeconds);
        return new RedisSendLimiter(_redis.Connect(), new SlidingWindowSendLimiter(limit), limit, NullLogger<RedisSendLimiter>.Instance);
    }

    [Test]
    public async Task Two_instances_count_one_window_per_user()
    {
        var first = Instance();
        var second = Instance();
        var user = Guid.NewGuid();

        (await SendAsync(first, user, Start)).ShouldBeTrue();
        (await SendAsync(second, user, Start.AddSeconds(1))).ShouldBeTrue();
        (await SendAsync(first, user, Start.AddSeconds(2))).ShouldBeTrue();

        var refused = await second.TryAcquireAsync(user, Start.AddSeconds(3), CancellationToken.None);
        refused.Allowed.ShouldBeFalse();
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));
        (await SendAsync(first, user, Start.AddSeconds(3))).ShouldBeFalse();
        (await SendAsync(second, user, Start.AddSeconds(5))).ShouldBeTrue();
    }

    [Test]
    public async Task A_user_s_sends_live_under_the_key_prefix_and_expire_soon_after_the_window()
    {
        var limiter = Instance(windowSeconds: 5);
        var user = Guid.NewGuid();

        await SendAsync(limiter, user, Start);

        var key = limiter.KeyOf(user);
        key.ToString().ShouldStartWith("transcendence:");
        var expiry = await _redis.Connect().Redis.GetDatabase().KeyTimeToLiveAsync(key);
        expiry.ShouldNotBeNull();
        expiry.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(6));
    }
}

/// <summary>The Redis twin while Redis is down: each instance counts alone, says so once, and shares again when Redis is back.</summary>
public sealed class RedisSendLimiterOutageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task While_Redis_is_down_the_instance_counts_in_its_own_window_and_logs_it_once()
    {
        await using var redis = await RedisTestServer.StartAsync();
        using var scaleOut = RedisKit.Connect(redis.Endpoint);
        var log = new FakeLogger<RedisSendLimiter>();
        var limit = Options.Create(new SendLimitOptions { Messages = 2, Window = TimeSpan.FromSeconds(5) });
        var limiter = new RedisSendLimiter(scaleOut, new SlidingWindowSendLimiter(limit), limit, log);
        var user = Guid.NewGuid();
        (await limiter.TryAcquireAsync(user, Start, CancellationToken.None)).Allowed.ShouldBeTrue();

        await redis.StopAsync();
        await Eventually.HoldsAsync(() => !scaleOut.Redis.IsConnected, "the connection notices Redis is gone");

        // The window in Redis is out of reach: the instance's own starts empty and still holds the limit.
        (await limiter.TryAcquireAsync(user, Start.AddSeconds(1), CancellationToken.None)).Allowed.ShouldBeTrue();
        (await limiter.TryAcquireAsync(user, Start.AddSeconds(2), CancellationToken.None)).Allowed.ShouldBeTrue();
        var refused = await limiter.TryAcquireAsync(user, Start.AddSeconds(3), CancellationToken.None);
        refused.Allowed.ShouldBeFalse();
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(3));
        log.Collector.GetSnapshot().Count(entry => entry.Level == LogLevel.Warning).ShouldBe(1);

        await redis.RestartAsync();
        await RedisKit.UntilConnectedAsync(scaleOut);

        // Redis came back empty (nothing saved): the shared window starts afresh, and the instance says so.
        (await limiter.TryAcquireAsync(user, Start.AddSeconds(3), CancellationToken.None)).Allowed.ShouldBeTrue();
        log.LatestRecord.Level.ShouldBe(LogLevel.Information);
        log.LatestRecord.Message.ShouldContain("across every instance again");
    }
}
