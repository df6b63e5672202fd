using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Transcendence.Domain.Channels;

namespace Transcendence.Infrastructure.Security;

/// <summary>
/// Channel passwords as PBKDF2-HMAC-SHA256 with a random 16-byte salt, stored as
/// <c>pbkdf2-sha256$iterations$salt$hash</c> (Base64). The iteration count travels with the hash, so it
/// can be raised later without invalidating stored passwords: a hash with fewer iterations than
/// <see cref="Iterations"/> still verifies, and <see cref="NeedsRehash"/> tells the caller to store a new one.
/// </summary>
public sealed class Pbkdf2ChannelPasswordHasher : IChannelPasswordHasher
{
    /// <summary>OWASP's current count for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023 on).</summary>
    public const int Iterations = 600_000;

    /// <summary>Hashes made with fewer iterations than this are not trusted.</summary>
    public const int MinIterations = 100_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Strict: a lone surrogate cannot turn into the same bytes as some other password.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public bool Verify(string hash, string password)
    {
        if (!TryParse(hash, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), expected);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    public bool NeedsRehash(string hash) => !TryParse(hash, out var iterations, out _, out _) || iterations < Iterations;

    private static bool TryParse(string hash, out int iterations, out byte[] salt, out byte[] expected)
    {
        var parts = hash.Split('$');
        salt = expected = [];
        iterations = 0;
        return parts.Length == 4
            && parts[0] == Scheme
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            && iterations >= MinIterations
            && TryFromBase64(parts[2], out salt)
            && TryFromBase64(parts[3], out expected)
            && expected.Length == HashBytes;
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Utf8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
