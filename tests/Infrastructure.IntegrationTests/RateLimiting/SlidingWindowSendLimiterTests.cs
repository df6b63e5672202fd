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

    [Test]
    public void A_user_whose_sends_have_aged_out_is_forgotten_and_the_limit_still_holds()
    {
        var limiter = Limiter(messages: 2);
        var idle = Guid.NewGuid();
        var busy = Guid.NewGuid();
        limiter.TryAcquire(idle, Start, out _).ShouldBeTrue();
        limiter.TryAcquire(busy, Start, out _).ShouldBeTrue();
        limiter.TrackedUsers.ShouldBe(2);

        // A window later, the next send anywhere sweeps: the idle user is gone, the sender is held.
        limiter.TryAcquire(busy, Start.AddSeconds(5), out _).ShouldBeTrue();
        limiter.TrackedUsers.ShouldBe(1);
        limiter.TryAcquire(busy, Start.AddSeconds(5.5), out _).ShouldBeTrue();
        limiter.TryAcquire(busy, Start.AddSeconds(6), out var retryAfter).ShouldBeFalse();
        retryAfter.ShouldBe(TimeSpan.FromSeconds(4));

        // A sweep while a send of the busy user is still within the window keeps it counted.
        limiter.TryAcquire(Guid.NewGuid(), Start.AddSeconds(10.1), out _).ShouldBeTrue();
        limiter.TryAcquire(busy, Start.AddSeconds(10.2), out _).ShouldBeTrue();
        limiter.TryAcquire(busy, Start.AddSeconds(10.3), out _).ShouldBeFalse();

        // The forgotten user starts afresh, with the full limit.
        limiter.TryAcquire(idle, Start.AddSeconds(10.4), out _).ShouldBeTrue();
        limiter.TryAcquire(idle, Start.AddSeconds(10.5), out _).ShouldBeTrue();
        limiter.TryAcquire(idle, Start.AddSeconds(10.6), out _).ShouldBeFalse();
    }
}
