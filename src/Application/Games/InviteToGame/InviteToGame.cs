using Mediator;
using Transcendence.Application.Channels;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.GameServer;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.InviteToGame;

/// <summary>
/// Opens an invitation room (never in the queue) on this instance; the invitee may be on any. The invitee hears
/// <c>Invited</c> on the game hub and a <c>Notice</c> <c>game_invite</c> on the chat hub.
/// </summary>
public sealed record InviteToGame(Guid UserId, Guid GuestId, string? Mode) : ICommand<RoomRef>, ILiveStateCommand;

public sealed class InviteToGameHandler(IUserRepository users, GameLoop server, IGameDirectory directory, IRealtimeNotifier notifier)
    : ICommandHandler<InviteToGame, RoomRef>
{
    public async ValueTask<RoomRef> Handle(InviteToGame command, CancellationToken cancellationToken)
    {
        var mode = GameModes.Parse(command.Mode);
        var host = await users.GetAsync(command.UserId, cancellationToken);
        var guest = await users.GetAsync(command.GuestId, cancellationToken);
        var roomId = await server.AskAsync(lobby => lobby.PrepareInvite(PlayerRef.Of(host), PlayerRef.Of(guest), BlockState.Between(host, [guest]), mode), cancellationToken);
        // The room runs here; the host's seat must be free across every instance before anyone hears of it.
        var seated = false;
        try
        {
            seated = await directory.TryTakeSeatAsync(host.Id, roomId, directory.InstanceId, cancellationToken);
        }
        finally
        {
            await server.ChangeAsync(lobby => seated ? lobby.Open(roomId) : lobby.Discard(roomId), CancellationToken.None);
        }

        if (!seated)
        {
            throw GameErrors.Busy();
        }

        notifier.ToUser(guest.Id, ChatEvents.Notice, new NoticeEvent(
            "game_invite", null, host.Id, guest.Id, null, $"{host.DisplayName.Value} invites you to a {mode.ToName()} game (room {roomId})"));
        return new RoomRef(roomId);
    }
}
