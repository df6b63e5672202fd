using OtpNet;
using Transcendence.Application.Auth;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Auth;

/// <summary>RFC 6238 TOTP with Otp.NET: 160-bit secrets, SHA-1, 6 digits, 30-second steps, ±1 step.</summary>
public sealed class OtpNetTotp(TwoFactorOptions options) : ITotp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;
    private const int SecretBytes = 20;

    /// <summary>One step of clock drift either way between the server and the authenticator app.</summary>
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(SecretBytes));

    public string UriFor(string secret, string accountName) =>
        new OtpUri(OtpType.Totp, secret, accountName, options.Issuer, OtpHashMode.Sha1, Digits, StepSeconds).ToString();

    public long? StepOf(string secret, string code, DateTimeOffset now)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret), StepSeconds, OtpHashMode.Sha1, Digits);
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, Drift) ? step : null;
    }
}
