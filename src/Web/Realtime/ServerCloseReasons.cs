using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace Transcendence.Web.Realtime;

/// <summary>
/// Why the server closed a connection, for its close message. SignalR closes an aborted connection with an
/// empty close message and offers no way to give a reason; the close is written through our protocol
/// (<see cref="Hubs.CodedErrorHubProtocol"/>) into the connection's own output, so the reason is kept by that
/// output and taken when the close is written. Weakly held: a connection that goes away forgets it.
/// </summary>
public sealed class ServerCloseReasons
{
    private readonly ConditionalWeakTable<object, string> _reasons = [];

    /// <summary>Remembers <paramref name="reason"/> (<c>code: sentence</c>) for the connection's close message.</summary>
    public void Set(HubConnectionContext connection, string reason)
    {
        if (connection.Features.Get<IConnectionTransportFeature>()?.Transport?.Output is { } output)
        {
            _reasons.AddOrUpdate(output, reason);
        }
    }

    /// <summary>The reason kept for the connection writing to <paramref name="output"/>, once.</summary>
    public bool TryTake(IBufferWriter<byte> output, out string reason)
    {
        if (_reasons.TryGetValue(output, out var found))
        {
            _reasons.Remove(output);
            reason = found;
            return true;
        }

        reason = string.Empty;
        return false;
    }
}
