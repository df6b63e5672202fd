using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Common;

namespace Transcendence.Application.Presence.ConnectUser;

/// <summary>
/// The user's first hub connection on this instance (either hub: a tab, a device, a reconnect) is opening, as
/// the hubs' connection registries decided: presence hears they arrived, and their friends hear when that
/// brings them online. Sent before SignalR's handshake completes, so a client whose <c>start()</c> returned is
/// already counted and closing another tab cannot make the user look offline for a moment. It is sent
/// uncancellable and records the arrival first: whatever fails after it, the departure that
/// <see cref="DisconnectUser.DisconnectUser"/> reports later has an arrival to undo.
/// </summary>
public sealed record ConnectUser(Guid UserId) : ICommand, ILiveStateCommand;

public sealed class ConnectUserHandler(IPresenceTracker presence, IPresenceAudience audience, IRealtimeNotifier notifier)
    : ICommandHandler<ConnectUser>
{
    public async ValueTask<Unit> Handle(ConnectUser command, CancellationToken cancellationToken)
    {
        if (await presence.ArrivedAsync(command.UserId, cancellationToken))
        {
            await PresenceNews.TellWatchersAsync(command.UserId, presence, audience, notifier, cancellationToken);
        }

        return Unit.Value;
    }
}
