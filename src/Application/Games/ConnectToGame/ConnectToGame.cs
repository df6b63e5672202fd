using Mediator;
using Microsoft.Extensions.Logging;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Application.GameServer.Remote;
using Transcendence.Domain.Common;

namespace Transcendence.Application.Games.ConnectToGame;

/// <summary>
/// A game-hub connection opened (a new tab, or a reconnect with a new connection id and no groups): it is
/// counted for the heartbeat, joins the groups of the user's rooms, and a player whose seat is held takes it
/// back — on this instance's rooms through its loop, on other instances' rooms (from the directory: the user's seat
/// and the rooms they watch) by joining their groups here, which tells their owners, and the connection is shown
/// each such room as it is. (Presence counts it already: the game hub's connection registry has held it since
/// before its handshake; see <see cref="Presence.ConnectUser.ConnectUser"/>.)
/// </summary>
public sealed record ConnectToGame(Guid UserId, string ConnectionId) : ICommand, ILiveStateCommand;

public sealed partial class ConnectToGameHandler(
    GameLoop server, GameRooms rooms, IGameDirectory directory, IGameTransport transport, ILogger<ConnectToGameHandler> logger)
    : ICommandHandler<ConnectToGame>
{
    public async ValueTask<Unit> Handle(ConnectToGame command, CancellationToken cancellationToken)
    {
        await server.ConnectedAsync(command.UserId, command.ConnectionId, cancellationToken);
        if (!rooms.ScaledOut)
        {
            return Unit.Value;
        }

        foreach (var place in await directory.RoomsOfAsync(command.UserId, cancellationToken))
        {
            if (place.Owner == rooms.Here)
            {
                continue;
            }

            await transport.AddToRoomAsync(command.ConnectionId, place.RoomId);
            try
            {
                var view = await rooms.AskAsync<RoomUpdatedEvent>(place.Owner, new ViewRoom(place.RoomId), cancellationToken);
                if (view is not null)
                {
                    await transport.ToConnectionAsync(command.ConnectionId, GameEvents.RoomUpdated, view);
                }
            }
            catch (DomainException ex)
            {
                // The room ended or its owner is going: the connection stays, the room's end reaches it another way.
                LogRoomNotShown(ex, place.RoomId, place.Owner);
            }
        }

        return Unit.Value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomId} on instance {Owner} could not be shown to a connection that came back")]
    private partial void LogRoomNotShown(Exception exception, Guid roomId, string owner);
}
