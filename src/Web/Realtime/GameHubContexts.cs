using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Transcendence.Web.Realtime;

/// <summary>
/// The open game-hub connections of this process, so the heartbeat can close one it has declared lost:
/// the client sees the close, reconnects with a new connection id, and takes its seat back within grace.
/// </summary>
public sealed class GameHubContexts
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);

    public void Opened(HubCallerContext context) => _open[context.ConnectionId] = context;

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    /// <summary>Closes the connection if it is still open here.</summary>
    public void Abort(string connectionId)
    {
        if (_open.TryRemove(connectionId, out var context))
        {
            context.Abort();
        }
    }
}
