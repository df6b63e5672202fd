using Transcendence.Application.Common.Ports;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Sessions;

/// <summary>
/// A login ended, as far as this process goes: its access tokens are refused from now on and its open
/// chat and game connections are closed (the client sees the connection close; reconnecting with a token
/// of that login is answered 401). With several instances, a distributed implementation would publish the
/// revocation and each instance would run this.
/// </summary>
public sealed class InProcessSessionRevocations(SessionCheck check, IEnumerable<IHubConnectionRegistry> registries) : ISessionRevocations
{
    public Task RevokeAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        // Marked before the connections are read: a connection registering meanwhile either is in the
        // list or sees the mark (the registry records it, then SessionHubFilter looks).
        check.MarkRevoked(sessionId);
        foreach (var registry in registries)
        {
            foreach (var connection in registry.OfSession(sessionId))
            {
                connection.Abort();
            }
        }

        return Task.CompletedTask;
    }
}
