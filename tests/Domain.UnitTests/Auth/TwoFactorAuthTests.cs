using Transcendence.Domain.Auth;
using Transcendence.Domain.Common;

namespace Transcendence.Domain.UnitTests.Auth;

public sealed class TwoFactorAuthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static Func<string, long?> Matches(long step) => _ => step;

    private static Func<string, long?> Wrong => _ => null;

    private static TwoFactorAuth Enabled(long step = 100)
    {
        var twoFactor = TwoFactorAuth.SetUp(Guid.NewGuid(), "protected");
        twoFactor.Enable(Matches(step), Now);
        return twoFactor;
    }

    [Test]
    public void Setting_up_keeps_a_secret_that_is_not_on_until_a_code_confirms_it()
    {
        var twoFactor = TwoFactorAuth.SetUp(Guid.NewGuid(), "protected");

        twoFactor.IsEnabled.ShouldBeFalse();
        twoFactor.ProtectedSecret.ShouldBe("protected");

        twoFactor.Enable(Matches(100), Now);

        twoFactor.IsEnabled.ShouldBeTrue();
        twoFactor.LastUsedStep.ShouldBe(100);
    }

    [Test]
    public void The_code_is_checked_against_the_protected_secret()
    {
        var twoFactor = TwoFactorAuth.SetUp(Guid.NewGuid(), "protected");
        string? seen = null;

        twoFactor.Enable(secret => { seen = secret; return 1; }, Now);

        seen.ShouldBe("protected");
    }

    [Test]
    public void A_code_is_accepted_once_even_within_its_window()
    {
        var twoFactor = Enabled(step: 100);

        var replay = Should.Throw<DomainException>(() => twoFactor.Verify(Matches(100), Now.AddSeconds(5)));

        replay.Code.ShouldBe("auth.two_factor_invalid");
        twoFactor.WrongCodes.ShouldBe(1);
    }

    [Test]
    public void A_code_of_an_earlier_step_than_one_already_used_is_refused()
    {
        var twoFactor = Enabled(step: 100);
        twoFactor.Verify(Matches(101), Now.AddSeconds(30));

        Should.Throw<DomainException>(() => twoFactor.Verify(Matches(100), Now.AddSeconds(31))).Code.ShouldBe("auth.two_factor_invalid");
        twoFactor.LastUsedStep.ShouldBe(101);
    }

    [Test]
    public void A_code_of_a_later_step_is_accepted_and_remembered()
    {
        var twoFactor = Enabled(step: 100);

        twoFactor.Verify(Matches(101), Now.AddSeconds(30));

        twoFactor.LastUsedStep.ShouldBe(101);
    }

    [Test]
    public void A_wrong_code_is_refused_and_counted()
    {
        var twoFactor = Enabled();

        Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, Now)).Code.ShouldBe("auth.two_factor_invalid");

        twoFactor.WrongCodes.ShouldBe(1);
        twoFactor.LastWrongCodeAt.ShouldBe(Now);
    }

    [Test]
    public void After_five_wrong_codes_even_a_right_code_waits_a_minute_from_the_last_one()
    {
        var twoFactor = Enabled(step: 100);
        for (var i = 0; i < TwoFactorAuth.FreeWrongCodes; i++)
        {
            Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, Now.AddSeconds(i))).Code.ShouldBe("auth.two_factor_invalid");
        }

        var limited = Should.Throw<RateLimitedException>(() => twoFactor.Verify(Matches(101), Now.AddSeconds(20)));

        limited.Code.ShouldBe("rate_limited");
        limited.Kind.ShouldBe(ErrorKind.RateLimited);
        limited.RetryAfter.ShouldBe(TimeSpan.FromSeconds(44));
        twoFactor.LastUsedStep.ShouldBe(100);
        twoFactor.WrongCodes.ShouldBe(TwoFactorAuth.FreeWrongCodes, "a refusal without looking at the code counts nothing");

        twoFactor.Verify(Matches(102), Now.AddSeconds(64));
        twoFactor.LastUsedStep.ShouldBe(102);
        twoFactor.WrongCodes.ShouldBe(0);
    }

    [Test]
    public void Each_further_wrong_code_doubles_the_wait_up_to_an_hour()
    {
        var twoFactor = Enabled(step: 100);
        var at = Now;
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 12; i++)
        {
            Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, at)).Code.ShouldBe("auth.two_factor_invalid");
            var wait = twoFactor.BackedOffUntil is { } until ? until - at : TimeSpan.Zero;
            waits.Add(wait);
            at += wait;
        }

        waits.Select(w => (int)w.TotalMinutes).ShouldBe([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
    }

    [Test]
    public void Wrong_codes_count_in_a_row_however_spread_out()
    {
        var twoFactor = Enabled(step: 100);
        for (var i = 0; i < TwoFactorAuth.FreeWrongCodes; i++)
        {
            Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, Now.AddDays(i)));
        }

        Should.Throw<RateLimitedException>(() => twoFactor.Verify(Matches(101), Now.AddDays(4).AddSeconds(59)));
        twoFactor.WrongCodes.ShouldBe(TwoFactorAuth.FreeWrongCodes);
    }

    [Test]
    public void The_twentieth_wrong_code_in_a_row_locks_out_every_login_begun_before_it()
    {
        var twoFactor = Enabled(step: 100);
        var loginStartedAt = Now;
        var at = Now;
        for (var i = 0; i < TwoFactorAuth.HardLimit; i++)
        {
            at = twoFactor.BackedOffUntil ?? at;
            Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, at, loginStartedAt)).Code.ShouldBe("auth.two_factor_invalid");
        }

        twoFactor.LockedAt.ShouldBe(at);
        var afterWait = twoFactor.BackedOffUntil!.Value;
        var locked = Should.Throw<RateLimitedException>(() => twoFactor.Verify(Matches(101), afterWait, loginStartedAt));
        locked.Message.ShouldContain("log in again");
        Should.Throw<RateLimitedException>(() => twoFactor.Verify(Matches(101), afterWait, loginStartedAt: at));
        Should.Throw<RateLimitedException>(() => twoFactor.Verify(Matches(101), afterWait, loginStartedAt: null));

        twoFactor.Verify(Matches(101), afterWait, loginStartedAt: at.AddSeconds(1));

        twoFactor.LockedAt.ShouldBeNull();
        twoFactor.WrongCodes.ShouldBe(0);
    }

    [Test]
    public void A_fresh_login_after_the_lock_gets_one_guess_per_wait_and_a_wrong_one_locks_again()
    {
        var twoFactor = Enabled(step: 100);
        var at = Now;
        for (var i = 0; i < TwoFactorAuth.HardLimit; i++)
        {
            at = twoFactor.BackedOffUntil ?? at;
            Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, at, Now));
        }

        var fresh = at.AddSeconds(1);
        at = twoFactor.BackedOffUntil!.Value;
        Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, at, fresh)).Code.ShouldBe("auth.two_factor_invalid");

        twoFactor.LockedAt.ShouldBe(at);
        Should.Throw<RateLimitedException>(() => twoFactor.Verify(Matches(101), twoFactor.BackedOffUntil!.Value, fresh));
    }

    [Test]
    public void A_right_code_clears_the_count_of_wrong_ones()
    {
        var twoFactor = Enabled(step: 100);
        Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, Now));

        twoFactor.Verify(Matches(101), Now.AddSeconds(1));

        twoFactor.WrongCodes.ShouldBe(0);
        twoFactor.LastWrongCodeAt.ShouldBeNull();
    }

    [Test]
    public void Enabling_needs_a_secret_and_is_refused_when_already_on()
    {
        var twoFactor = Enabled();

        Should.Throw<DomainException>(() => twoFactor.Enable(Matches(200), Now)).Code.ShouldBe("auth.two_factor_already_enabled");
        Should.Throw<DomainException>(() => twoFactor.SetUpAgain("other")).Code.ShouldBe("auth.two_factor_already_enabled");
    }

    [Test]
    public void A_wrong_code_does_not_enable()
    {
        var twoFactor = TwoFactorAuth.SetUp(Guid.NewGuid(), "protected");

        Should.Throw<DomainException>(() => twoFactor.Enable(Wrong, Now));

        twoFactor.IsEnabled.ShouldBeFalse();
    }

    [Test]
    public void Disabling_needs_a_fresh_code_and_forgets_the_secret()
    {
        var twoFactor = Enabled(step: 100);

        Should.Throw<DomainException>(() => twoFactor.Disable(Matches(100), Now)).Code.ShouldBe("auth.two_factor_invalid");
        twoFactor.IsEnabled.ShouldBeTrue();

        twoFactor.Disable(Matches(101), Now.AddSeconds(30));

        twoFactor.IsEnabled.ShouldBeFalse();
        twoFactor.ProtectedSecret.ShouldBeNull();
        Should.Throw<DomainException>(() => twoFactor.Verify(Matches(102), Now)).Code.ShouldBe("auth.two_factor_not_enabled");
        Should.Throw<DomainException>(() => twoFactor.Enable(Matches(102), Now)).Code.ShouldBe("auth.two_factor_not_set_up");
    }

    [Test]
    public void A_new_secret_starts_replay_protection_afresh_but_keeps_the_wrong_code_count()
    {
        var twoFactor = Enabled(step: 100);
        twoFactor.Disable(Matches(101), Now);
        Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, Now));
        twoFactor.SetUpAgain("new-secret");
        Should.Throw<DomainException>(() => twoFactor.Enable(Wrong, Now));

        twoFactor.Enable(Matches(101), Now.AddSeconds(1));

        twoFactor.IsEnabled.ShouldBeTrue();
        twoFactor.ProtectedSecret.ShouldBe("new-secret");
    }
}
