namespace Transcendence.Domain.Games;

/// <summary>What one tick did: the state after it, the point scored in it if any, and the winner if it ended the game.</summary>
public sealed record TickResult(GameSnapshot State, PointScored? Scored, Guid? WinnerId)
{
    public bool IsOver => WinnerId is not null;
}
