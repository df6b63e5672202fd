using Microsoft.AspNetCore.SignalR;

namespace Transcendence.Web.Realtime;

/// <summary>
/// Hears, from a hub's registry, when a user's first connection on this instance enters a group it follows and when
/// their last one here leaves it (the game hub's room groups: the room's owner counts its audience from that).
/// </summary>
public interface IGroupAudience<THub>
    where THub : Hub
{
    bool Follows(string groupName);

    /// <summary>Called under the registry's group lock, in the order of the changes: it must only queue.</summary>
    void Changed(string groupName, string userId, bool present);
}
