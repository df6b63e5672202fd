using Microsoft.Extensions.Options;
using Transcendence.Infrastructure.RateLimiting;

namespace Transcendence.Infrastructure.IntegrationTests.RateLimiting;

public sealed class SlidingWindowSendLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static SlidingWindowSendLimiter Limiter(int messages = 3, int windowSeconds = 5) =>
        new(Options.Create(new SendLimitOptions { Messages = messages, Window = TimeSpan.FromSeconds(windowSeconds) }));

    [Test]
    public void Sends_up_to_the_limit_pass_and_the_next_one_is_refused_with_the_wait()
    {
        var limiter = Limiter();
        var user = Guid.NewGuid();

        for (var i = 0; i < 3; i++)
        {
            limiter.TryAcquire(user, Start.AddSeconds(i), out _).ShouldBeTrue();
        }

        limiter.TryAcquire(user, Start.AddSeconds(3), out var retryAfter).ShouldBeFalse();
        retryAfter.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Test]
    public void The_window_slides_so_a_send_passes_once_the_oldest_has_aged_out()
    {
        var limiter = Limiter();
        var user = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            limiter.TryAcquire(user, Start.AddSeconds(i), out _);
        }

        limiter.TryAcquire(user, Start.AddSeconds(4.9), out _).ShouldBeFalse();
        limiter.TryAcquire(user, Start.AddSeconds(5), out _).ShouldBeTrue();
        limiter.TryAcquire(user, Start.AddSeconds(5.5), out _).ShouldBeFalse();
    }

    [Test]
    public void Refused_sends_do_not_count_and_users_have_separate_windows()
    {
        var limiter = Limiter(messages: 1);
        var alice = Guid.NewGuid();

        limiter.TryAcquire(alice, Start, out _).ShouldBeTrue();
        for (var i = 0; i < 10; i++)
        {
            limiter.TryAcquire(alice, Start.AddSeconds(1), out _).ShouldBeFalse();
        }

        limiter.TryAcquire(Guid.NewGuid(), Start, out _).ShouldBeTrue();
        limiter.TryAcquire(alice, Start.AddSeconds(5), out _).ShouldBeTrue();
    }
}
