using Transcendence.Application.Common.Ports;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Sessions;

/// <summary>
/// A login ended: its access tokens are refused from now on and its open chat and game connections are closed
/// (the client sees the connection close; reconnecting with a token of that login is answered 401), on this
/// instance at once and on every other through the instances' bus (topic <c>sessions</c>), each of which does
/// the same for itself. With one instance the bus carries nothing.
/// </summary>
public sealed class SessionRevocations(SessionCheck check, IEnumerable<IHubConnectionRegistry> registries, IInstanceBus bus)
    : ISessionRevocations, IHostedService
{
    public const string Topic = "sessions";

    public Task RevokeAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        RevokeHere(sessionId);
        if (bus.ReachesOtherInstances)
        {
            bus.Publish(Topic, sessionId.ToByteArray());
        }

        return Task.CompletedTask;
    }

    /// <summary>Hears the other instances' revocations from start-up on (without waiting for the bus: it may be down).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (bus.ReachesOtherInstances)
        {
            _ = bus.SubscribeAsync(Topic, envelope => RevokeHere(new Guid(envelope.Span)));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void RevokeHere(Guid sessionId)
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
    }
}
