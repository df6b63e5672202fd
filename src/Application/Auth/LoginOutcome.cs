namespace Transcendence.Application.Auth;

/// <summary>How a first factor ends: signed in with tokens, or asked for the second factor.</summary>
public abstract record LoginOutcome
{
    private LoginOutcome()
    {
    }

    public sealed record SignedIn(AuthTokens Tokens) : LoginOutcome;

    public sealed record TwoFactorRequired(TwoFactorChallenge Challenge) : LoginOutcome;
}

/// <summary>
/// The 2FA-needed response: <c>{twoFactorRequired: true, ticket, ticketExpiresAt}</c>. The ticket goes to
/// <c>POST /api/auth/2fa/verify</c> with a code.
/// </summary>
public sealed record TwoFactorChallenge(bool TwoFactorRequired, string Ticket, DateTimeOffset TicketExpiresAt)
{
    public static TwoFactorChallenge For(string ticket, DateTimeOffset expiresAt) => new(true, ticket, expiresAt);
}
