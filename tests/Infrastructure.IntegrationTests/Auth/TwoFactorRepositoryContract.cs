using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Infrastructure.IntegrationTests.Auth;

/// <summary>What every <see cref="ITwoFactorRepository"/> promises; run against both stores.</summary>
public abstract class TwoFactorRepositoryContract : AuthStoreFixture
{
    [Test]
    public async Task A_user_who_never_set_up_two_factor_has_none_and_it_is_off()
    {
        var user = await AddUserAsync("jdoe");

        (await With<ITwoFactorRepository, TwoFactorAuth?>(repo => repo.FindAsync(user.Id, CancellationToken.None))).ShouldBeNull();
        (await With<ITwoFactorRepository, bool>(repo => repo.IsEnabledAsync(user.Id, CancellationToken.None))).ShouldBeFalse();
    }

    [Test]
    public async Task Saved_settings_read_back_equal_and_a_second_save_replaces_them()
    {
        var user = await AddUserAsync("jdoe");
        var twoFactor = TwoFactorAuth.SetUp(user.Id, "protected-secret");
        await With<ITwoFactorRepository>(repo => repo.SaveAsync(twoFactor, CancellationToken.None));
        (await With<ITwoFactorRepository, bool>(repo => repo.IsEnabledAsync(user.Id, CancellationToken.None))).ShouldBeFalse();

        Should.Throw<Domain.Common.DomainException>(() => twoFactor.Enable(_ => null, Now));
        twoFactor.Enable(_ => 123_456_789_012, Now.AddSeconds(1));
        await With<ITwoFactorRepository>(repo => repo.SaveAsync(twoFactor, CancellationToken.None));

        var found = await With<ITwoFactorRepository, TwoFactorAuth?>(repo => repo.FindAsync(user.Id, CancellationToken.None));
        found.ShouldNotBeNull();
        found.ProtectedSecret.ShouldBe("protected-secret");
        found.IsEnabled.ShouldBeTrue();
        found.LastUsedStep.ShouldBe(123_456_789_012);
        found.WrongCodes.ShouldBe(0);
        found.LastWrongCodeAt.ShouldBeNull();
        found.LockedAt.ShouldBeNull();
        (await With<ITwoFactorRepository, bool>(repo => repo.IsEnabledAsync(user.Id, CancellationToken.None))).ShouldBeTrue();
    }

    [Test]
    public async Task The_wrong_code_count_its_time_and_the_lock_are_kept()
    {
        var user = await AddUserAsync("jdoe");
        var twoFactor = TwoFactorAuth.SetUp(user.Id, "protected-secret");
        Should.Throw<Domain.Common.DomainException>(() => twoFactor.Enable(_ => null, Now));
        Should.Throw<Domain.Common.DomainException>(() => twoFactor.Enable(_ => null, Now.AddSeconds(1)));

        await With<ITwoFactorRepository>(repo => repo.SaveAsync(twoFactor, CancellationToken.None));

        var found = (await With<ITwoFactorRepository, TwoFactorAuth?>(repo => repo.FindAsync(user.Id, CancellationToken.None)))!;
        found.WrongCodes.ShouldBe(2);
        found.LastWrongCodeAt.ShouldBe(twoFactor.LastWrongCodeAt);
        found.LockedAt.ShouldBeNull();
        found.IsEnabled.ShouldBeFalse();
        found.LastUsedStep.ShouldBeNull();
    }

    [Test]
    public async Task A_lock_is_kept()
    {
        var user = await AddUserAsync("jdoe");
        var twoFactor = TwoFactorAuth.Rehydrate(user.Id, "protected-secret", true, 42, TwoFactorAuth.HardLimit, Now, Now);

        await With<ITwoFactorRepository>(repo => repo.SaveAsync(twoFactor, CancellationToken.None));

        var found = (await With<ITwoFactorRepository, TwoFactorAuth?>(repo => repo.FindAsync(user.Id, CancellationToken.None)))!;
        found.WrongCodes.ShouldBe(TwoFactorAuth.HardLimit);
        found.LastWrongCodeAt.ShouldBe(twoFactor.LastWrongCodeAt);
        found.LockedAt.ShouldBe(twoFactor.LockedAt);
        found.IsEnabled.ShouldBeTrue();
        found.LastUsedStep.ShouldBe(42);
    }

    [Test]
    public async Task Settings_are_per_user()
    {
        var alice = await AddUserAsync("alice");
        var bob = await AddUserAsync("bob");
        var aliceTwoFactor = TwoFactorAuth.SetUp(alice.Id, "alice-secret");
        aliceTwoFactor.Enable(_ => 1, Now);
        await With<ITwoFactorRepository>(repo => repo.SaveAsync(aliceTwoFactor, CancellationToken.None));

        (await With<ITwoFactorRepository, bool>(repo => repo.IsEnabledAsync(bob.Id, CancellationToken.None))).ShouldBeFalse();
        (await With<ITwoFactorRepository, TwoFactorAuth?>(repo => repo.FindAsync(bob.Id, CancellationToken.None))).ShouldBeNull();
    }
}

[TestFixture]
public sealed class InMemoryTwoFactorRepositoryTests : TwoFactorRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresTwoFactorRepositoryTests : TwoFactorRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
