using System.Collections.Immutable;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>The game slice's tables; every state starts with them empty.</summary>
public sealed partial record InMemoryState
{
    /// <summary>The <c>matches</c> rows by id.</summary>
    public ImmutableDictionary<Guid, MatchRow> Matches { get; init; } = ImmutableDictionary<Guid, MatchRow>.Empty;

    /// <summary>The <c>player_stats</c> rows by user id.</summary>
    public ImmutableDictionary<Guid, PlayerStatsRow> PlayerStats { get; init; } = ImmutableDictionary<Guid, PlayerStatsRow>.Empty;

    /// <summary>The <c>achievements</c> rows by user, in the order earned (the primary key is (user, code)).</summary>
    public ImmutableDictionary<Guid, ImmutableList<AchievementRow>> Achievements { get; init; } =
        ImmutableDictionary<Guid, ImmutableList<AchievementRow>>.Empty;
}
