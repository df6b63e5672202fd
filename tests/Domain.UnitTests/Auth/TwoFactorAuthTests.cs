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
        twoFactor.WrongCodeWindowStartedAt.ShouldBe(Now);
    }

    [Test]
    public void After_five_wrong_codes_in_a_minute_even_a_right_code_is_rate_limited_until_the_minute_is_over()
    {
        var twoFactor = Enabled(step: 100);
        for (var i = 0; i < TwoFactorAuth.MaxWrongCodes; i++)
        {
            Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, Now.AddSeconds(i))).Code.ShouldBe("auth.two_factor_invalid");
        }

        var limited = Should.Throw<RateLimitedException>(() => twoFactor.Verify(Matches(101), Now.AddSeconds(20)));

        limited.Code.ShouldBe("rate_limited");
        limited.Kind.ShouldBe(ErrorKind.RateLimited);
        limited.RetryAfter.ShouldBe(TimeSpan.FromSeconds(40));
        twoFactor.LastUsedStep.ShouldBe(100);

        twoFactor.Verify(Matches(102), Now.AddMinutes(1));
        twoFactor.LastUsedStep.ShouldBe(102);
        twoFactor.WrongCodes.ShouldBe(0);
    }

    [Test]
    public void Wrong_codes_spread_over_more_than_a_minute_do_not_lock_out()
    {
        var twoFactor = Enabled(step: 100);
        for (var i = 0; i < 4; i++)
        {
            Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, Now));
        }

        Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, Now.AddSeconds(61)));

        twoFactor.WrongCodes.ShouldBe(1);
        twoFactor.Verify(Matches(101), Now.AddSeconds(62));
    }

    [Test]
    public void A_right_code_clears_the_count_of_wrong_ones()
    {
        var twoFactor = Enabled(step: 100);
        Should.Throw<DomainException>(() => twoFactor.Verify(Wrong, Now));

        twoFactor.Verify(Matches(101), Now.AddSeconds(1));

        twoFactor.WrongCodes.ShouldBe(0);
        twoFactor.WrongCodeWindowStartedAt.ShouldBeNull();
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
