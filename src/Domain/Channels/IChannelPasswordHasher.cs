namespace Transcendence.Domain.Channels;

/// <summary>
/// Turns a protected channel's password into a salted, slow hash and checks a password against one.
/// Implemented in Infrastructure; the channel never keeps the password itself.
/// </summary>
public interface IChannelPasswordHasher
{
    string Hash(string password);

    /// <summary>True when <paramref name="password"/> is the one <paramref name="hash"/> was made from.</summary>
    bool Verify(string hash, string password);

    /// <summary>
    /// True when <paramref name="hash"/> was made with weaker parameters than <see cref="Hash"/> uses now:
    /// once the password is known right, the channel should store a fresh hash of it.
    /// </summary>
    bool NeedsRehash(string hash);
}
