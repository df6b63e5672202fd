namespace Transcendence.Web.Realtime;

/// <summary>
/// Which users this instance holds a hub connection of, read from every hub's connection registry: it keeps
/// no list or count of its own. The registries change their user indexes under its one lock, so a user's first
/// arrival on this instance (whichever hub) and their last departure are each decided once, across both hubs;
/// that change is what presence hears (<c>ConnectUser</c>, <c>DisconnectUser</c>).
/// </summary>
public sealed class ConnectedUsers
{
    private readonly List<IHubConnectionRegistry> _registries = [];

    /// <summary>Held while a registry changes who it holds, and while anyone asks whether a user is held.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>Whether any hub's registry holds a connection of the user (opening, open or closing).</summary>
    public bool Holds(Guid userId)
    {
        lock (Gate)
        {
            return HoldsLocked(userId.ToString());
        }
    }

    /// <summary>A registry joins when it is made: one that is not made yet holds nobody.</summary>
    internal void Join(IHubConnectionRegistry registry)
    {
        lock (Gate)
        {
            _registries.Add(registry);
        }
    }

    /// <summary>Under <see cref="Gate"/>.</summary>
    internal bool HoldsLocked(string userId)
    {
        foreach (var registry in _registries)
        {
            if (registry.HoldsLocked(userId))
            {
                return true;
            }
        }

        return false;
    }
}
