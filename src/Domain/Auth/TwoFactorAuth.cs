using Transcendence.Domain.Common;

namespace Transcendence.Domain.Auth;

/// <summary>
/// A user's two-factor authentication (TOTP, RFC 6238): the shared secret (kept protected; the domain
/// never sees it in clear), whether it is on, and the rules that make a code count:
/// <list type="bullet">
/// <item>a code is accepted once: its time step must come after the last step accepted (no replay,
/// even within the code's window of validity);</item>
/// <item>wrong codes in a row back off: the first <see cref="FreeWrongCodes"/> cost nothing, then each one
/// makes every attempt wait <see cref="FirstBackoff"/>, then twice as long after each further one, at most
/// <see cref="MaxBackoff"/> (<c>rate_limited</c>, right code or not);</item>
/// <item>the <see cref="HardLimit"/>th wrong code in a row locks two-factor for every login that began
/// before it (<c>rate_limited</c>, "log in again"): only a fresh login may try again — a ticket issued
/// after the lock, or, for enable and disable, a login (refresh token family) started after it.</item>
/// </list>
/// An accepted code forgets the wrong ones and lifts the lock. Checking a code is the caller's: it passes a
/// function that tells the time step a code matches under the protected secret (or null), and when the
/// login trying it began; the rules here decide.
/// </summary>
public sealed class TwoFactorAuth
{
    public const int FreeWrongCodes = 5;

    public const int HardLimit = 20;

    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    private TwoFactorAuth(
        Guid userId,
        string? protectedSecret,
        bool isEnabled,
        long? lastUsedStep,
        int wrongCodes,
        DateTimeOffset? lastWrongCodeAt,
        DateTimeOffset? lockedAt)
    {
        UserId = userId;
        ProtectedSecret = protectedSecret;
        IsEnabled = isEnabled;
        LastUsedStep = lastUsedStep;
        WrongCodes = wrongCodes;
        LastWrongCodeAt = lastWrongCodeAt;
        LockedAt = lockedAt;
    }

    public Guid UserId { get; }

    /// <summary>The shared secret as the secret protector made it; null when none is set up.</summary>
    public string? ProtectedSecret { get; private set; }

    public bool IsEnabled { get; private set; }

    /// <summary>The time step of the last code accepted; codes of this step or earlier are refused.</summary>
    public long? LastUsedStep { get; private set; }

    /// <summary>Wrong (or replayed) codes in a row, since the last accepted one.</summary>
    public int WrongCodes { get; private set; }

    public DateTimeOffset? LastWrongCodeAt { get; private set; }

    /// <summary>When the <see cref="HardLimit"/> was reached; logins begun before it may not try any more.</summary>
    public DateTimeOffset? LockedAt { get; private set; }

    /// <summary>Until when no code is checked; null when one may be tried now.</summary>
    public DateTimeOffset? BackedOffUntil =>
        LastWrongCodeAt is { } last && WrongCodes >= FreeWrongCodes
            ? last + Backoff.After(WrongCodes, FreeWrongCodes, FirstBackoff, MaxBackoff)
            : null;

    /// <summary>A first setup: a secret waiting to be confirmed by <see cref="Enable"/>.</summary>
    public static TwoFactorAuth SetUp(Guid userId, string protectedSecret)
    {
        var twoFactor = new TwoFactorAuth(userId, null, false, null, 0, null, null);
        twoFactor.SetUpAgain(protectedSecret);
        return twoFactor;
    }

    public static TwoFactorAuth Rehydrate(
        Guid userId,
        string? protectedSecret,
        bool isEnabled,
        long? lastUsedStep,
        int wrongCodes,
        DateTimeOffset? lastWrongCodeAt,
        DateTimeOffset? lockedAt) =>
        new(userId, protectedSecret, isEnabled, lastUsedStep, wrongCodes,
            lastWrongCodeAt is { } last ? Instant.Normalize(last) : null,
            lockedAt is { } locked ? Instant.Normalize(locked) : null);

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

    /// <summary>
    /// Turns two-factor on, proven by a current code of the secret set up, within a login that began at
    /// <paramref name="loginStartedAt"/> (null: unknown, taken as before any lock).
    /// </summary>
    public void Enable(Func<string, long?> stepOfCode, DateTimeOffset now, DateTimeOffset? loginStartedAt = null)
    {
        if (IsEnabled)
        {
            throw AuthErrors.TwoFactorAlreadyEnabled();
        }

        if (ProtectedSecret is null)
        {
            throw AuthErrors.TwoFactorNotSetUp();
        }

        AcceptCode(stepOfCode, now, loginStartedAt);
        IsEnabled = true;
    }

    /// <summary>Turns two-factor off, proven by a current code; the secret is forgotten.</summary>
    public void Disable(Func<string, long?> stepOfCode, DateTimeOffset now, DateTimeOffset? loginStartedAt = null)
    {
        EnsureEnabled();
        AcceptCode(stepOfCode, now, loginStartedAt);
        IsEnabled = false;
        ProtectedSecret = null;
    }

    /// <summary>The second factor of a login whose first factor passed (its ticket was issued) at <paramref name="loginStartedAt"/>.</summary>
    public void Verify(Func<string, long?> stepOfCode, DateTimeOffset now, DateTimeOffset? loginStartedAt = null)
    {
        EnsureEnabled();
        AcceptCode(stepOfCode, now, loginStartedAt);
    }

    /// <summary>
    /// Refuses a wrong or replayed code (<c>auth.two_factor_invalid</c>) after counting it: the count
    /// changed, so the caller saves this entity even though the call failed. Refuses without looking at the
    /// code (<c>rate_limited</c>, nothing changes) while backed off, or locked for a login this old.
    /// </summary>
    private void AcceptCode(Func<string, long?> stepOfCode, DateTimeOffset now, DateTimeOffset? loginStartedAt)
    {
        var waitUntil = BackedOffUntil is { } until && now < until ? until : now;
        if (LockedAt is { } locked && !(loginStartedAt > locked))
        {
            throw AuthErrors.TwoFactorLocked(waitUntil - now);
        }

        if (waitUntil > now)
        {
            throw AuthErrors.TooManyWrongCodes(waitUntil - now);
        }

        var step = stepOfCode(ProtectedSecret!);
        if (step is null)
        {
            CountWrongCode(now);
            throw AuthErrors.WrongTwoFactorCode();
        }

        if (step <= LastUsedStep)
        {
            CountWrongCode(now);
            throw AuthErrors.ReplayedTwoFactorCode();
        }

        LastUsedStep = step;
        WrongCodes = 0;
        LastWrongCodeAt = null;
        LockedAt = null;
    }

    private void CountWrongCode(DateTimeOffset now)
    {
        WrongCodes++;
        LastWrongCodeAt = Instant.Normalize(now);
        if (WrongCodes >= HardLimit)
        {
            LockedAt = LastWrongCodeAt;
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
