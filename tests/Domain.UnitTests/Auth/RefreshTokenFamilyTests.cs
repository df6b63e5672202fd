using Transcendence.Domain.Auth;
using Transcendence.Domain.Common;

namespace Transcendence.Domain.UnitTests.Auth;

public sealed class RefreshTokenFamilyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private static readonly Guid UserId = Guid.NewGuid();

    [Test]
    public void A_login_starts_with_one_live_token_of_the_full_lifetime()
    {
        var (family, first) = RefreshTokenFamily.Start(UserId, "hash-1", Now, Lifetime);

        family.UserId.ShouldBe(UserId);
        family.IsRevoked.ShouldBeFalse();
        family.Id.Version.ShouldBe(7);
        first.FamilyId.ShouldBe(family.Id);
        first.Hash.ShouldBe("hash-1");
        first.IsUsed.ShouldBeFalse();
        first.ExpiresAt.ShouldBe(Now + Lifetime);
    }

    [Test]
    public void Rotating_uses_the_presented_token_and_issues_a_successor_with_a_fresh_lifetime()
    {
        var (family, first) = RefreshTokenFamily.Start(UserId, "hash-1", Now, Lifetime);
        var later = Now.AddDays(10);

        var next = family.Rotate(first, "hash-2", later, Lifetime);

        first.UsedAt.ShouldBe(later);
        next.Hash.ShouldBe("hash-2");
        next.FamilyId.ShouldBe(family.Id);
        next.IssuedAt.ShouldBe(later);
        next.ExpiresAt.ShouldBe(later + Lifetime);
        family.IsRevoked.ShouldBeFalse();
    }

    [Test]
    public void Presenting_a_used_token_again_revokes_the_whole_login_and_is_refused()
    {
        var (family, first) = RefreshTokenFamily.Start(UserId, "hash-1", Now, Lifetime);
        var second = family.Rotate(first, "hash-2", Now.AddMinutes(15), Lifetime);

        var refused = Should.Throw<DomainException>(() => family.Rotate(first, "hash-3", Now.AddMinutes(20), Lifetime));

        refused.Code.ShouldBe("auth.invalid_token");
        refused.Kind.ShouldBe(ErrorKind.Unauthenticated);
        family.IsRevoked.ShouldBeTrue();
        family.RevokedAt.ShouldBe(Now.AddMinutes(20));
        second.IsUsed.ShouldBeFalse();
        Should.Throw<DomainException>(() => family.Rotate(second, "hash-4", Now.AddMinutes(21), Lifetime))
            .Code.ShouldBe("auth.invalid_token");
    }

    [Test]
    public void The_current_token_of_a_revoked_login_is_refused_and_not_used_up()
    {
        var (family, first) = RefreshTokenFamily.Start(UserId, "hash-1", Now, Lifetime);
        family.Revoke(Now.AddMinutes(1));

        Should.Throw<DomainException>(() => family.Rotate(first, "hash-2", Now.AddMinutes(2), Lifetime)).Code.ShouldBe("auth.invalid_token");

        first.IsUsed.ShouldBeFalse();
    }

    [Test]
    public void An_expired_token_is_refused_without_revoking_the_login()
    {
        var (family, first) = RefreshTokenFamily.Start(UserId, "hash-1", Now, Lifetime);

        Should.Throw<DomainException>(() => family.Rotate(first, "hash-2", Now + Lifetime, Lifetime)).Code.ShouldBe("auth.invalid_token");

        family.IsRevoked.ShouldBeFalse();
        first.IsUsed.ShouldBeFalse();
    }

    [Test]
    public void Revoking_twice_keeps_the_first_time()
    {
        var (family, _) = RefreshTokenFamily.Start(UserId, "hash-1", Now, Lifetime);

        family.Revoke(Now.AddMinutes(1));
        family.Revoke(Now.AddMinutes(2));

        family.RevokedAt.ShouldBe(Now.AddMinutes(1));
    }

    [Test]
    public void A_token_of_another_login_cannot_be_rotated_here()
    {
        var (family, _) = RefreshTokenFamily.Start(UserId, "hash-1", Now, Lifetime);
        var (_, stranger) = RefreshTokenFamily.Start(UserId, "hash-x", Now, Lifetime);

        Should.Throw<ArgumentException>(() => family.Rotate(stranger, "hash-2", Now, Lifetime));
    }

    [Test]
    public void Times_are_kept_to_the_microsecond_in_utc()
    {
        var odd = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(12_345);

        var (family, first) = RefreshTokenFamily.Start(UserId, "hash-1", odd, Lifetime);

        family.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        family.CreatedAt.Ticks.ShouldBe(Now.AddTicks(12_340).Ticks);
        (first.ExpiresAt.Ticks % TimeSpan.TicksPerMicrosecond).ShouldBe(0);
    }
}
