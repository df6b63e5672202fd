namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Where the end of a login (a refresh token family; the access token's <c>sid</c>) is announced, so that
/// what is still open for it ends at once: its access tokens are refused from then on and its hub
/// connections close, on this instance and, through <see cref="IInstanceBus"/>, on every other.
/// </summary>
public interface ISessionRevocations
{
    /// <summary>Called once the revocation is stored; closing what is already closed is not an error.</summary>
    Task RevokeAsync(Guid sessionId, CancellationToken cancellationToken);
}
