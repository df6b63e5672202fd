using Transcendence.Application.Channels.RelaySignal;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.GameServer;

/// <summary>
/// The two players of a live room may signal each other (voice or video during a game), on whichever instances
/// they are: both hold a seat in that room (the <see cref="IGameDirectory"/>'s, cluster-wide).
/// </summary>
public sealed class GameRoomPeers(IGameDirectory directory) : ISignalPeers
{
    public async ValueTask<bool> ArePeersAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken)
    {
        if (userId == otherUserId || await directory.SeatOfAsync(userId, cancellationToken) is not { } seat)
        {
            return false;
        }

        return await directory.SeatOfAsync(otherUserId, cancellationToken) is { } other && other.RoomId == seat.RoomId;
    }
}
