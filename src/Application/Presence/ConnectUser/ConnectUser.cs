using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Common;

namespace Transcendence.Application.Presence.ConnectUser;

/// <summary>
/// A hub connection (either hub: a tab, a device, a reconnect) is opening: it counts for presence from now
/// until <see cref="DisconnectUser.DisconnectUser"/>, and the user's friends hear when it brings them online.
/// Sent before SignalR's handshake completes, so a client whose <c>start()</c> returned is already counted
/// and closing another tab cannot make the user look offline for a moment.
/// </summary>
public sealed record ConnectUser(Guid UserId, string ConnectionId) : ICommand, ILiveStateCommand;

public sealed class ConnectUserHandler(IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier)
    : ICommandHandler<ConnectUser>
{
    public async ValueTask<Unit> Handle(ConnectUser command, CancellationToken cancellationToken)
    {
        if (!presence.Connected(command.UserId, command.ConnectionId))
        {
            return Unit.Value;
        }

        try
        {
            await PresenceNews.TellWatchersAsync(command.UserId, presence, audience, notifier, cancellationToken);
        }
        catch
        {
            // The connection will not open: nothing else will forget it.
            presence.Disconnected(command.UserId, command.ConnectionId);
            throw;
        }

        return Unit.Value;
    }
}
