using Transcendence.Domain.Common;

namespace Transcendence.Domain.Auth;

/// <summary>
/// One refresh token of a login (<see cref="RefreshTokenFamily"/>), known by the hash of its secret.
/// It is good once: rotating it marks it used and issues its successor.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken(string hash, Guid familyId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, DateTimeOffset? usedAt)
    {
        Hash = hash;
        FamilyId = familyId;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        UsedAt = usedAt;
    }

    /// <summary>The SHA-256 of the secret (<see cref="OpaqueToken.Hash"/>).</summary>
    public string Hash { get; }

    public Guid FamilyId { get; }

    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>When it was exchanged for its successor; null while it is the login's current token.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public bool IsUsed => UsedAt is not null;

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    public static RefreshToken Rehydrate(string hash, Guid familyId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, DateTimeOffset? usedAt) =>
        new(hash, familyId, Instant.Normalize(issuedAt), Instant.Normalize(expiresAt), usedAt is { } used ? Instant.Normalize(used) : null);

    internal static RefreshToken Issue(Guid familyId, string hash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (string.IsNullOrEmpty(hash))
        {
            throw new ArgumentException("a refresh token needs the hash of its secret", nameof(hash));
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "a refresh token lives for a positive time");
        }

        var issued = Instant.Normalize(now);
        return new RefreshToken(hash, familyId, issued, Instant.Normalize(now + lifetime), null);
    }

    internal void MarkUsed(DateTimeOffset now) => UsedAt = Instant.Normalize(now);
}
