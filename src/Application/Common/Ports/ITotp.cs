namespace Transcendence.Application.Common.Ports;

/// <summary>Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps).</summary>
public interface ITotp
{
    /// <summary>A new random shared secret, base32, as authenticator apps take it.</summary>
    string NewSecret();

    /// <summary>The <c>otpauth://totp/…</c> URI an authenticator app reads (usually from a QR code).</summary>
    string UriFor(string secret, string accountName);

    /// <summary>
    /// The time step at which <paramref name="code"/> is right for <paramref name="secret"/> at
    /// <paramref name="now"/>, allowing one step of clock drift either way; null when it matches none.
    /// </summary>
    long? StepOf(string secret, string code, DateTimeOffset now);
}
