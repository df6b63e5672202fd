namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Where the end of a login (a refresh token family; the access token's <c>sid</c>) is announced, so that
/// what is still open for it ends at once: its access tokens are refused from then on and its hub
/// connections close. The in-process implementation does that for this process; a distributed one
/// (Redis, for several instances) would sit beside it and tell every instance.
/// </summary>
public interface ISessionRevocations
{
    /// <summary>Called once the revocation is stored; closing what is already closed is not an error.</summary>
    Task RevokeAsync(Guid sessionId, CancellationToken cancellationToken);
}
