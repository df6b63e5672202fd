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
}
