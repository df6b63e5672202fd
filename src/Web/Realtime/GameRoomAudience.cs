using Transcendence.Application.GameServer.Remote;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.Realtime;

/// <summary>The game hub's room groups: who enters and leaves them here goes to <see cref="RemoteRooms"/>, which tells other instances' rooms.</summary>
public sealed class GameRoomAudience(RemoteRooms remote) : IGroupAudience<GameHub>
{
    public bool Follows(string groupName) => groupName.StartsWith(SignalRGameTransport.GroupPrefix, StringComparison.Ordinal);

    public void Changed(string groupName, string userId, bool present)
    {
        if (Guid.TryParse(groupName.AsSpan(SignalRGameTransport.GroupPrefix.Length), out var roomId) && Guid.TryParse(userId, out var user))
        {
            remote.MemberChanged(roomId, user, present);
        }
    }
}
