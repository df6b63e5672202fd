namespace Transcendence.Domain.Games;

/// <summary>
/// A played game, as history keeps it. Lists are in player order (index 0 was the left paddle).
/// <see cref="Id"/> is the room's id: a room plays at most one match.
/// </summary>
/// <param name="MaxDeficit">For each player, the most points they were ever behind by.</param>
/// <param name="SpectatorIds">Users who watched while the game was being played.</param>
public sealed record Match(
    Guid Id,
    GameMode Mode,
    GameSettings Settings,
    IReadOnlyList<Guid> PlayerIds,
    IReadOnlyList<int> Score,
    Guid WinnerId,
    MatchEndReason Reason,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<int> MaxDeficit,
    IReadOnlyList<Guid> SpectatorIds)
{
    public Guid LoserId => PlayerIds[0] == WinnerId ? PlayerIds[1] : PlayerIds[0];

    public bool IsPlayer(Guid userId) => PlayerIds.Contains(userId);

    /// <summary>The spectators the match counts: those who watched and did not play, each once.</summary>
    public IReadOnlyCollection<Guid> Watchers => [.. SpectatorIds.Distinct().Where(id => !IsPlayer(id))];

    /// <summary>The player's index (0 or 1), or -1 for someone who did not play.</summary>
    public int IndexOf(Guid userId) => PlayerIds[0] == userId ? 0 : PlayerIds[1] == userId ? 1 : -1;
}
