namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Who is here: a user is online while they hold at least one hub connection, in-game while the game
/// says so, offline otherwise. Connections live in the process that accepted them, so this is process
/// state (scale-out would back it with a shared store). It counts connections; which connections a user
/// holds is the hubs' connection registries' to say (Web).
/// </summary>
public interface IPresenceTracker : IPresenceLookup
{
    /// <summary>Counts a new connection; true when it made the user's status change.</summary>
    bool Connected(Guid userId, string connectionId);

    /// <summary>Forgets a connection; true when it made the user's status change.</summary>
    bool Disconnected(Guid userId, string connectionId);

    /// <summary>Marks the user as playing or not; true when it made the user's status change.</summary>
    bool SetInGame(Guid userId, bool inGame);
}
