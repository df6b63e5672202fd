using Transcendence.Domain.Channels;

namespace Transcendence.Application.Channels;

/// <summary>
/// The channel password hasher as seen inside a transaction: the hash of <paramref name="password"/> was
/// made before the transaction began (PBKDF2 is slow on purpose, and nothing slow runs while a transaction
/// is open: on PostgreSQL it holds the channel's row lock, which joins and moderation of the channel wait
/// for; before issue 14, in memory, it held the whole store), so hashing that very password again gives it
/// back at once. Any other password is hashed for real.
/// </summary>
internal sealed class PasswordHashedBefore(string? password, string? hash, IChannelPasswordHasher hasher) : IChannelPasswordHasher
{
    /// <summary>Hashes <paramref name="password"/> now, before any transaction; null when there is none.</summary>
    public static string? HashBefore(string? password, IChannelPasswordHasher hasher) =>
        password is null ? null : hasher.Hash(password);

    public string Hash(string candidate) =>
        hash is not null && candidate == password ? hash : hasher.Hash(candidate);

    public bool Verify(string storedHash, string candidate) => hasher.Verify(storedHash, candidate);

    public bool NeedsRehash(string storedHash) => hasher.NeedsRehash(storedHash);
}
