namespace Transcendence.Application.Common.Ports;

/// <summary>Encrypts secrets the store must keep but never hold in clear (TOTP shared secrets).</summary>
public interface ISecretProtector
{
    string Protect(string secret);

    /// <summary>The secret back; throws when the keys that protected it are gone.</summary>
    string Unprotect(string protectedSecret);
}
