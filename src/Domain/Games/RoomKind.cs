namespace Transcendence.Domain.Games;

/// <summary>How the second player arrives.</summary>
public enum RoomKind
{
    /// <summary>Opened by the game queue; anyone not blocked either way may join.</summary>
    Queue,
    /// <summary>Opened by an invitation; only the invited user may enter, by accepting. Never in the queue.</summary>
    Invitation,
}
