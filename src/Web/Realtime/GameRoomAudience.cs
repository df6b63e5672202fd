using Transcendence.Application.GameServer.Remote;
using Transcendence.Web.Hubs;

namespace Transcendence.Web.Realtime;

/// <summary>The game hub's room groups: who enters and leaves them here goes to <see cref="RemoteRooms"/>, which tells other instances' rooms.</summary>
/// <remarks>
/// <see cref="RemoteRooms"/> is found on first use: it sends through the game hub's registry, which is what calls this
/// (built when the registry is, the two would need each other).
/// </remarks>
public sealed class GameRoomAudience(IServiceProvider services) : IGroupAudience<GameHub>
{
    private RemoteRooms? _remote;

    public bool Follows(string groupName) => groupName.StartsWith(SignalRGameTransport.GroupPrefix, StringComparison.Ordinal);

    public void Changed(string groupName, string userId, bool present)
    {
        if (Guid.TryParse(groupName.AsSpan(SignalRGameTransport.GroupPrefix.Length), out var roomId) && Guid.TryParse(userId, out var user))
        {
            (_remote ??= services.GetRequiredService<RemoteRooms>()).MemberChanged(roomId, user, present);
        }
    }
}
