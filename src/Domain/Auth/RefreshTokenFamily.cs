using Transcendence.Domain.Common;

namespace Transcendence.Domain.Auth;

/// <summary>
/// One login: the chain of refresh tokens that began when the user signed in. Each refresh exchanges the
/// current token for a new one; a token that comes back after it was exchanged means someone holds a
/// copy, so the whole login is revoked and every token of it stops working.
/// </summary>
public sealed class RefreshTokenFamily
{
    private RefreshTokenFamily(Guid id, Guid userId, DateTimeOffset createdAt, DateTimeOffset? revokedAt)
    {
        Id = id;
        UserId = userId;
        CreatedAt = createdAt;
        RevokedAt = revokedAt;
    }

    public Guid Id { get; }

    public Guid UserId { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A sign-in: a new login and its first token.</summary>
    public static (RefreshTokenFamily Family, RefreshToken First) Start(Guid userId, string firstTokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        var family = new RefreshTokenFamily(UuidV7.NewId(now), userId, Instant.Normalize(now), null);
        return (family, RefreshToken.Issue(family.Id, firstTokenHash, now, lifetime));
    }

    public static RefreshTokenFamily Rehydrate(Guid id, Guid userId, DateTimeOffset createdAt, DateTimeOffset? revokedAt) =>
        new(id, userId, Instant.Normalize(createdAt), revokedAt is { } revoked ? Instant.Normalize(revoked) : null);

    /// <summary>
    /// Exchanges <paramref name="presented"/> for its successor (with a full lifetime from now). Refuses
    /// (<c>auth.invalid_token</c>) a token of a revoked login, an expired token, and a token already
    /// used — that last one also revokes this login, and the refusal leaves the family revoked, which the
    /// caller must save.
    /// </summary>
    public RefreshToken Rotate(RefreshToken presented, string nextTokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (presented.FamilyId != Id)
        {
            throw new ArgumentException("the token belongs to another login", nameof(presented));
        }

        if (IsRevoked)
        {
            throw AuthErrors.LoginEnded();
        }

        if (presented.IsUsed)
        {
            Revoke(now);
            throw AuthErrors.RefreshTokenReused();
        }

        if (presented.IsExpiredAt(now))
        {
            throw AuthErrors.InvalidRefreshToken("the refresh token has expired; log in again");
        }

        presented.MarkUsed(now);
        return RefreshToken.Issue(Id, nextTokenHash, now, lifetime);
    }

    /// <summary>Ends the login (logout, or a reused token). Revoking twice keeps the first time.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= Instant.Normalize(now);
}
