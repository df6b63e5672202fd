using Microsoft.Extensions.Time.Testing;
using Moq;
using Transcendence.Application.Auth;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;
using Transcendence.Domain.Common;

namespace Transcendence.Application.UnitTests.Auth;

public sealed class TwoFactorCodeCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;
    private Mock<ITwoFactorRepository> _twoFactors = null!;
    private Mock<ITotp> _totp = null!;
    private Mock<ISecretProtector> _protector = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new(Now);
        _twoFactors = new();
        _totp = new();
        _protector = new();
        _protector.Setup(p => p.Unprotect("protected")).Returns("SECRET");
        _totp.Setup(t => t.StepOf("SECRET", "123456", Now)).Returns(100);
    }

    [Test]
    public async Task A_right_code_is_checked_with_the_clear_secret_at_the_app_clock_and_saved()
    {
        var twoFactor = TwoFactorAuth.SetUp(Guid.NewGuid(), "protected");

        await Check().RunAsync(twoFactor, " 123456 ", (t, stepOf, now) => t.Enable(stepOf, now), CancellationToken.None);

        twoFactor.IsEnabled.ShouldBeTrue();
        twoFactor.LastUsedStep.ShouldBe(100);
        _twoFactors.Verify(repo => repo.SaveAsync(twoFactor, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_wrong_code_is_saved_as_counted_and_refused_with_a_commit()
    {
        var twoFactor = TwoFactorAuth.SetUp(Guid.NewGuid(), "protected");

        var refused = await Should.ThrowAsync<CommittedRefusal>(() =>
            Check().RunAsync(twoFactor, "654321", (t, stepOf, now) => t.Enable(stepOf, now), CancellationToken.None));

        refused.Code.ShouldBe("auth.two_factor_invalid");
        twoFactor.WrongCodes.ShouldBe(1);
        _twoFactors.Verify(repo => repo.SaveAsync(twoFactor, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_lockout_is_refused_as_is_and_writes_nothing()
    {
        var twoFactor = TwoFactorAuth.Rehydrate(Guid.NewGuid(), "protected", true, 99, TwoFactorAuth.FreeWrongCodes, Now.AddSeconds(-10), null);

        var limited = await Should.ThrowAsync<RateLimitedException>(() =>
            Check().RunAsync(twoFactor, "123456", (t, stepOf, now) => t.Verify(stepOf, now), CancellationToken.None));

        limited.RetryAfter.ShouldBe(TimeSpan.FromSeconds(50));
        _twoFactors.Verify(repo => repo.SaveAsync(It.IsAny<TwoFactorAuth>(), It.IsAny<CancellationToken>()), Times.Never);
        _protector.Verify(p => p.Unprotect(It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task A_state_refusal_writes_nothing()
    {
        var twoFactor = TwoFactorAuth.SetUp(Guid.NewGuid(), "protected");

        var refused = await Should.ThrowAsync<DomainException>(() =>
            Check().RunAsync(twoFactor, "123456", (t, stepOf, now) => t.Disable(stepOf, now), CancellationToken.None));

        refused.Code.ShouldBe("auth.two_factor_not_enabled");
        _twoFactors.Verify(repo => repo.SaveAsync(It.IsAny<TwoFactorAuth>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private TwoFactorCodeCheck Check() => new(_twoFactors.Object, _totp.Object, _protector.Object, _clock);
}
