using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Transcendence.Domain.Auth;

/// <summary>
/// Bearer secrets of our own that mean nothing by themselves (refresh tokens, 2FA tickets): 256 random
/// bits, base64url. Only their SHA-256 <see cref="Hash"/> is ever stored, so a copy of the store
/// cannot be replayed.
/// </summary>
public static class OpaqueToken
{
    public const int Bytes = 32;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>The stored form: SHA-256 of the UTF-8 token, lowercase hex (64 characters).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
