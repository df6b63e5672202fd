namespace Transcendence.Domain.Games;

/// <summary>
/// What a played match does to the figures of everyone in it: the winner gains a win and the loser a loss,
/// the rating points move from loser to winner (<see cref="Elo"/>), each spectator has watched one more
/// game, and everyone earns what the match gives them (<see cref="Achievements"/>, judged on their figures
/// before it).
/// </summary>
public static class Ladder
{
    /// <summary>
    /// The figures after <paramref name="match"/>, given each one's figures before it: the winner's, the
    /// loser's and those of the match's <see cref="Match.Watchers"/> (each once; nobody else).
    /// </summary>
    public static LadderChange Record(Match match, PlayerStats winner, PlayerStats loser, IReadOnlyCollection<PlayerStats> spectators)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(winner);
        ArgumentNullException.ThrowIfNull(loser);
        ArgumentNullException.ThrowIfNull(spectators);
        if (winner.UserId != match.WinnerId || loser.UserId != match.LoserId)
        {
            throw new ArgumentException($"the match {match.Id} was won by {match.WinnerId} and lost by {match.LoserId}");
        }

        var watchers = match.Watchers;
        if (spectators.Count != watchers.Count || !spectators.Select(s => s.UserId).ToHashSet().SetEquals(watchers))
        {
            throw new ArgumentException($"the figures given are not those of the spectators of the match {match.Id}", nameof(spectators));
        }

        var earned = new List<EarnedAchievement>();
        var after = new List<PlayerStats>(2 + spectators.Count);
        var elo = Elo.Rate(winner.Rating, loser.Rating);
        after.Add(Judged(match, winner, earned) with { Wins = winner.Wins + 1, Rating = elo.WinnerRating });
        after.Add(Judged(match, loser, earned) with { Losses = loser.Losses + 1, Rating = elo.LoserRating });
        foreach (var spectator in spectators)
        {
            after.Add(Judged(match, spectator, earned) with { GamesSpectated = spectator.GamesSpectated + 1 });
        }

        return new LadderChange(
            after,
            earned,
            new Dictionary<Guid, int> { [winner.UserId] = elo.Change, [loser.UserId] = -elo.Change });
    }

    private static PlayerStats Judged(Match match, PlayerStats before, List<EarnedAchievement> earned)
    {
        var mine = Achievements.Earned(match, before.UserId, before.ToRecord());
        earned.AddRange(mine.Select(code => new EarnedAchievement(before.UserId, code)));
        return mine.Count == 0 ? before : before with { Achievements = [.. before.Achievements, .. mine] };
    }
}

/// <summary>
/// What <see cref="Ladder.Record"/> decided: everyone's figures after the match (winner, loser, then the
/// spectators), the achievements earned in the order they were judged, and each player's rating change.
/// </summary>
public sealed record LadderChange(
    IReadOnlyList<PlayerStats> Stats,
    IReadOnlyList<EarnedAchievement> Earned,
    IReadOnlyDictionary<Guid, int> RatingChange);

/// <summary>An achievement a user earned with a match.</summary>
public sealed record EarnedAchievement(Guid UserId, string Achievement);
