using Transcendence.Domain.Common;

namespace Transcendence.Domain.Auth;

/// <summary>
/// Proof that a user with two-factor authentication on passed the first factor (the provider, or
/// dev-login) a moment ago: short-lived, known by the hash of its secret, and spent by the one
/// verification that succeeds with it.
/// </summary>
public sealed class LoginTicket
{
    private LoginTicket(string hash, Guid userId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        Hash = hash;
        UserId = userId;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    public string Hash { get; }

    public Guid UserId { get; }

    /// <summary>When the first factor passed: the start of the login this ticket belongs to.</summary>
    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    public static LoginTicket Issue(Guid userId, string hash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "a ticket lives for a positive time");
        }

        return new LoginTicket(hash, userId, Instant.Normalize(now), Instant.Normalize(now + lifetime));
    }

    public static LoginTicket Rehydrate(string hash, Guid userId, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        new(hash, userId, Instant.Normalize(issuedAt), Instant.Normalize(expiresAt));

    /// <summary>Refuses (<c>auth.invalid_token</c>) a ticket whose time is up.</summary>
    public void EnsureUsableAt(DateTimeOffset now)
    {
        if (now >= ExpiresAt)
        {
            throw AuthErrors.InvalidTicket("the two-factor ticket has expired; log in again");
        }
    }
}
