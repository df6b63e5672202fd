using Transcendence.Application.Channels.RelaySignal;

namespace Transcendence.Application.GameServer;

/// <summary>The two players of a live room may signal each other (voice or video during a game).</summary>
public sealed class GameRoomPeers(GameLobby lobby) : ISignalPeers
{
    public bool ArePeers(Guid userId, Guid otherUserId) => lobby.ArePlayersTogether(userId, otherUserId);
}
