using Transcendence.Domain.Auth;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>A login (refresh token family) as both stores hold it.</summary>
public sealed class RefreshTokenFamilyRow
{
    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public static RefreshTokenFamilyRow From(RefreshTokenFamily family) => new()
    {
        Id = family.Id,
        UserId = family.UserId,
        CreatedAt = family.CreatedAt,
        RevokedAt = family.RevokedAt,
    };

    public RefreshTokenFamily ToFamily() => RefreshTokenFamily.Rehydrate(Id, UserId, CreatedAt, RevokedAt);
}

/// <summary>A refresh token as both stores hold it: the hash of its secret, never the secret.</summary>
public sealed class RefreshTokenRow
{
    public string TokenHash { get; init; } = string.Empty;

    public Guid FamilyId { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; init; }

    public static RefreshTokenRow From(RefreshToken token) => new()
    {
        TokenHash = token.Hash,
        FamilyId = token.FamilyId,
        IssuedAt = token.IssuedAt,
        ExpiresAt = token.ExpiresAt,
        UsedAt = token.UsedAt,
    };

    public RefreshToken ToToken() => RefreshToken.Rehydrate(TokenHash, FamilyId, IssuedAt, ExpiresAt, UsedAt);
}

/// <summary>A user's two-factor settings as both stores hold them; the secret only in protected form.</summary>
public sealed class TwoFactorRow
{
    public Guid UserId { get; init; }

    public string? ProtectedSecret { get; init; }

    public bool Enabled { get; init; }

    public long? LastUsedStep { get; init; }

    public int WrongCodes { get; init; }

    public DateTimeOffset? LastWrongCodeAt { get; init; }

    public DateTimeOffset? LockedAt { get; init; }

    public static TwoFactorRow From(TwoFactorAuth twoFactor) => new()
    {
        UserId = twoFactor.UserId,
        ProtectedSecret = twoFactor.ProtectedSecret,
        Enabled = twoFactor.IsEnabled,
        LastUsedStep = twoFactor.LastUsedStep,
        WrongCodes = twoFactor.WrongCodes,
        LastWrongCodeAt = twoFactor.LastWrongCodeAt,
        LockedAt = twoFactor.LockedAt,
    };

    public TwoFactorAuth ToTwoFactor() =>
        TwoFactorAuth.Rehydrate(UserId, ProtectedSecret, Enabled, LastUsedStep, WrongCodes, LastWrongCodeAt, LockedAt);
}

/// <summary>A two-factor login ticket as both stores hold it: the hash of its secret, never the secret.</summary>
public sealed class LoginTicketRow
{
    public string TicketHash { get; init; } = string.Empty;

    public Guid UserId { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public static LoginTicketRow From(LoginTicket ticket) => new()
    {
        TicketHash = ticket.Hash,
        UserId = ticket.UserId,
        IssuedAt = ticket.IssuedAt,
        ExpiresAt = ticket.ExpiresAt,
    };

    public LoginTicket ToTicket() => LoginTicket.Rehydrate(TicketHash, UserId, IssuedAt, ExpiresAt);
}
