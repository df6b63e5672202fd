using Transcendence.Domain.Common;

namespace Transcendence.Domain.Auth;

/// <summary>
/// A user's two-factor authentication (TOTP, RFC 6238): the shared secret (kept protected; the domain
/// never sees it in clear), whether it is on, and the rules that make a code count:
/// <list type="bullet">
/// <item>a code is accepted once: its time step must come after the last step accepted (no replay,
/// even within the code's window of validity);</item>
/// <item>after <see cref="MaxWrongCodes"/> wrong codes within <see cref="WrongCodeWindow"/> every
/// attempt is refused (<c>rate_limited</c>) until that window has passed.</item>
/// </list>
/// Checking a code is the caller's: it passes a function that tells the time step a code matches under
/// the protected secret (or null), and the rules here decide.
/// </summary>
public sealed class TwoFactorAuth
{
    public const int MaxWrongCodes = 5;

    public static readonly TimeSpan WrongCodeWindow = TimeSpan.FromMinutes(1);

    private TwoFactorAuth(
        Guid userId,
        string? protectedSecret,
        bool isEnabled,
        long? lastUsedStep,
        int wrongCodes,
        DateTimeOffset? wrongCodeWindowStartedAt)
    {
        UserId = userId;
        ProtectedSecret = protectedSecret;
        IsEnabled = isEnabled;
        LastUsedStep = lastUsedStep;
        WrongCodes = wrongCodes;
        WrongCodeWindowStartedAt = wrongCodeWindowStartedAt;
    }

    public Guid UserId { get; }

    /// <summary>The shared secret as the secret protector made it; null when none is set up.</summary>
    public string? ProtectedSecret { get; private set; }

    public bool IsEnabled { get; private set; }

    /// <summary>The time step of the last code accepted; codes of this step or earlier are refused.</summary>
    public long? LastUsedStep { get; private set; }

    /// <summary>Wrong codes counted in the window that began at <see cref="WrongCodeWindowStartedAt"/>.</summary>
    public int WrongCodes { get; private set; }

    public DateTimeOffset? WrongCodeWindowStartedAt { get; private set; }

    /// <summary>A first setup: a secret waiting to be confirmed by <see cref="Enable"/>.</summary>
    public static TwoFactorAuth SetUp(Guid userId, string protectedSecret)
    {
        var twoFactor = new TwoFactorAuth(userId, null, false, null, 0, null);
        twoFactor.SetUpAgain(protectedSecret);
        return twoFactor;
    }

    public static TwoFactorAuth Rehydrate(
        Guid userId,
        string? protectedSecret,
        bool isEnabled,
        long? lastUsedStep,
        int wrongCodes,
        DateTimeOffset? wrongCodeWindowStartedAt) =>
        new(userId, protectedSecret, isEnabled, lastUsedStep, wrongCodes,
            wrongCodeWindowStartedAt is { } started ? Instant.Normalize(started) : null);

    /// <summary>
    /// Replaces a secret not yet confirmed. Refused while two-factor is on: the secret in use changes only
    /// by turning it off (with a code) and setting it up anew. The wrong-code count is kept, so a new setup
    /// does not reset the lockout.
    /// </summary>
    public void SetUpAgain(string protectedSecret)
    {
        if (IsEnabled)
        {
            throw AuthErrors.TwoFactorAlreadyEnabled();
        }

        ArgumentException.ThrowIfNullOrEmpty(protectedSecret);
        ProtectedSecret = protectedSecret;
        // Replay protection is per secret: steps accepted under the old one say nothing about the new one.
        LastUsedStep = null;
    }

    /// <summary>Turns two-factor on, proven by a current code of the secret set up.</summary>
    public void Enable(Func<string, long?> stepOfCode, DateTimeOffset now)
    {
        if (IsEnabled)
        {
            throw AuthErrors.TwoFactorAlreadyEnabled();
        }

        if (ProtectedSecret is null)
        {
            throw AuthErrors.TwoFactorNotSetUp();
        }

        AcceptCode(stepOfCode, now);
        IsEnabled = true;
    }

    /// <summary>Turns two-factor off, proven by a current code; the secret is forgotten.</summary>
    public void Disable(Func<string, long?> stepOfCode, DateTimeOffset now)
    {
        EnsureEnabled();
        AcceptCode(stepOfCode, now);
        IsEnabled = false;
        ProtectedSecret = null;
    }

    /// <summary>The second factor of a login.</summary>
    public void Verify(Func<string, long?> stepOfCode, DateTimeOffset now)
    {
        EnsureEnabled();
        AcceptCode(stepOfCode, now);
    }

    /// <summary>
    /// Refuses a wrong or replayed code (<c>auth.two_factor_invalid</c>) after counting it: the count
    /// changed, so the caller saves this entity even though the call failed.
    /// </summary>
    private void AcceptCode(Func<string, long?> stepOfCode, DateTimeOffset now)
    {
        var windowOpen = WrongCodeWindowStartedAt is { } started && now < started + WrongCodeWindow;
        if (windowOpen && WrongCodes >= MaxWrongCodes)
        {
            throw AuthErrors.TooManyWrongCodes(WrongCodeWindowStartedAt!.Value + WrongCodeWindow - now);
        }

        var step = stepOfCode(ProtectedSecret!);
        if (step is null)
        {
            CountWrongCode(windowOpen, now);
            throw AuthErrors.WrongTwoFactorCode();
        }

        if (step <= LastUsedStep)
        {
            CountWrongCode(windowOpen, now);
            throw AuthErrors.ReplayedTwoFactorCode();
        }

        LastUsedStep = step;
        WrongCodes = 0;
        WrongCodeWindowStartedAt = null;
    }

    private void CountWrongCode(bool windowOpen, DateTimeOffset now)
    {
        if (windowOpen)
        {
            WrongCodes++;
        }
        else
        {
            WrongCodes = 1;
            WrongCodeWindowStartedAt = Instant.Normalize(now);
        }
    }

    private void EnsureEnabled()
    {
        if (!IsEnabled)
        {
            throw AuthErrors.TwoFactorNotEnabled();
        }
    }
}
