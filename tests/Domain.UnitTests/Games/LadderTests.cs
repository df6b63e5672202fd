using Transcendence.Domain.Games;
using static Transcendence.Domain.UnitTests.Games.GamePeople;

namespace Transcendence.Domain.UnitTests.Games;

public sealed class LadderTests
{
    private static readonly Guid Winner = Guid.CreateVersion7();
    private static readonly Guid Loser = Guid.CreateVersion7();
    private static readonly Guid Watcher = Guid.CreateVersion7();

    [Test]
    public void Newcomers_start_with_nothing_but_the_starting_rating()
    {
        var stats = PlayerStats.New(Winner);

        stats.ShouldBe(stats with { Wins = 0, Losses = 0, Rating = Elo.StartingRating, GamesSpectated = 0 });
        stats.Achievements.ShouldBeEmpty();
        stats.HasPlayed.ShouldBeFalse();
    }

    [Test]
    public void The_winner_gains_a_win_and_the_points_the_loser_loses()
    {
        var change = Ladder.Record(MatchOf(), PlayerStats.New(Winner) with { Wins = 3, Rating = 1040 }, PlayerStats.New(Loser) with { Losses = 2, Rating = 990 }, []);

        var elo = Elo.Rate(1040, 990);
        var winner = change.Stats[0];
        var loser = change.Stats[1];
        (winner.UserId, winner.Wins, winner.Losses, winner.Rating).ShouldBe((Winner, 4, 0, elo.WinnerRating));
        (loser.UserId, loser.Wins, loser.Losses, loser.Rating).ShouldBe((Loser, 0, 3, elo.LoserRating));
        change.RatingChange.ShouldBe(new Dictionary<Guid, int> { [Winner] = elo.Change, [Loser] = -elo.Change });
        (winner.Rating + loser.Rating).ShouldBe(1040 + 990);
        loser.HasPlayed.ShouldBeTrue();
    }

    [Test]
    public void A_forfeit_counts_like_any_other_loss()
    {
        var change = Ladder.Record(MatchOf(MatchEndReason.Forfeit), PlayerStats.New(Winner), PlayerStats.New(Loser), []);

        change.Stats[0].Wins.ShouldBe(1);
        change.Stats[1].Losses.ShouldBe(1);
        change.RatingChange[Winner].ShouldBe(16);
    }

    [Test]
    public void Spectators_have_watched_one_more_game_and_keep_their_wins_and_rating()
    {
        var watcher = PlayerStats.New(Watcher) with { Wins = 2, Rating = 1100, GamesSpectated = 1, Achievements = [Achievements.FirstSpectated] };

        var change = Ladder.Record(MatchOf(spectators: [Watcher]), PlayerStats.New(Winner), PlayerStats.New(Loser), [watcher]);

        change.Stats[2].ShouldBe(watcher with { GamesSpectated = 2 });
        change.RatingChange.Keys.ShouldBe([Winner, Loser]);
    }

    [Test]
    public void Achievements_are_judged_on_the_figures_before_the_match_in_player_then_spectator_order()
    {
        var change = Ladder.Record(
            MatchOf(spectators: [Watcher]),
            PlayerStats.New(Winner) with { Wins = 9, Achievements = [Achievements.FirstWin] },
            PlayerStats.New(Loser),
            [PlayerStats.New(Watcher)]);

        change.Earned.ShouldBe([
            new EarnedAchievement(Winner, Achievements.TenWins),
            new EarnedAchievement(Winner, Achievements.FlawlessWin),
            new EarnedAchievement(Watcher, Achievements.FirstSpectated),
        ]);
        change.Stats[0].Achievements.ShouldBe([Achievements.FirstWin, Achievements.TenWins, Achievements.FlawlessWin]);
        change.Stats[2].Achievements.ShouldBe([Achievements.FirstSpectated]);
    }

    [Test]
    public void A_player_who_also_watched_and_a_spectator_counted_twice_are_counted_once()
    {
        var match = MatchOf(spectators: [Watcher, Winner, Watcher]);

        match.Watchers.ShouldBe([Watcher]);
        Ladder.Record(match, PlayerStats.New(Winner), PlayerStats.New(Loser), [PlayerStats.New(Watcher)]).Stats.Count.ShouldBe(3);
    }

    [Test]
    public void Figures_of_the_wrong_people_are_refused()
    {
        var match = MatchOf(spectators: [Watcher]);

        Should.Throw<ArgumentException>(() => Ladder.Record(match, PlayerStats.New(Loser), PlayerStats.New(Winner), [PlayerStats.New(Watcher)]));
        Should.Throw<ArgumentException>(() => Ladder.Record(match, PlayerStats.New(Winner), PlayerStats.New(Loser), []));
        Should.Throw<ArgumentException>(() => Ladder.Record(match, PlayerStats.New(Winner), PlayerStats.New(Loser), [PlayerStats.New(Guid.CreateVersion7())]));
    }

    private static Match MatchOf(MatchEndReason reason = MatchEndReason.Score, IReadOnlyList<Guid>? spectators = null) => new(
        Guid.CreateVersion7(),
        GameMode.Classic,
        GameSettings.Default,
        [Winner, Loser],
        reason == MatchEndReason.Score ? [GameSettings.DefaultWinningScore, 0] : [0, 0],
        Winner,
        reason,
        T0,
        T0.AddMinutes(2),
        [0, 0],
        spectators ?? []);
}
