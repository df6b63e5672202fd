using Transcendence.Domain.Games;

namespace Transcendence.Domain.UnitTests.Games;

public sealed class AchievementsTests
{
    private static readonly Guid Winner = Guid.Parse("0190a000-0000-7000-8000-00000000000a");
    private static readonly Guid Loser = Guid.Parse("0190a000-0000-7000-8000-00000000000b");
    private static readonly Guid Watcher = Guid.Parse("0190a000-0000-7000-8000-00000000000c");
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_first_win_is_earned_once()
    {
        Achievements.Earned(Game(), Winner, PlayerRecord.New).ShouldContain(Achievements.FirstWin);
        Achievements.Earned(Game(), Winner, Record(wins: 1, Achievements.FirstWin)).ShouldNotContain(Achievements.FirstWin);
    }

    [Test]
    public void The_loser_earns_nothing() =>
        Achievements.Earned(Game(score: [0, 5]), Loser, PlayerRecord.New).ShouldBeEmpty();

    [Test]
    public void The_tenth_win_earns_ten_wins()
    {
        Achievements.Earned(Game(), Winner, Record(wins: 8, Achievements.FirstWin)).ShouldBeEmpty();
        Achievements.Earned(Game(), Winner, Record(wins: 9, Achievements.FirstWin)).ShouldBe([Achievements.TenWins]);
        Achievements.Earned(Game(), Winner, Record(wins: 10, Achievements.FirstWin, Achievements.TenWins)).ShouldBeEmpty();
    }

    [Test]
    public void Winning_with_the_opponent_on_zero_is_flawless()
    {
        Achievements.Earned(Game(score: [5, 0]), Winner, Record(3, Achievements.FirstWin)).ShouldBe([Achievements.FlawlessWin]);
        Achievements.Earned(Game(score: [5, 1]), Winner, Record(3, Achievements.FirstWin)).ShouldBeEmpty();
    }

    [Test]
    public void Winning_after_being_three_points_down_is_a_comeback()
    {
        Achievements.Earned(Game(score: [5, 4], maxDeficit: [3, 1]), Winner, Record(3, Achievements.FirstWin)).ShouldBe([Achievements.Comeback]);
        Achievements.Earned(Game(score: [5, 4], maxDeficit: [2, 1]), Winner, Record(3, Achievements.FirstWin)).ShouldBeEmpty();
    }

    [TestCase(MatchEndReason.Forfeit)]
    [TestCase(MatchEndReason.Disconnected)]
    public void A_win_by_the_opponent_going_counts_as_a_win_but_is_neither_flawless_nor_a_comeback(MatchEndReason reason) =>
        Achievements.Earned(Game(score: [0, 3], maxDeficit: [3, 0], reason: reason), Winner, PlayerRecord.New).ShouldBe([Achievements.FirstWin]);

    [Test]
    public void Everything_earned_at_once_comes_in_a_fixed_order() =>
        Achievements.Earned(Game(score: [5, 0]), Winner, Record(9)).ShouldBe([Achievements.FirstWin, Achievements.TenWins, Achievements.FlawlessWin]);

    [Test]
    public void The_winner_is_judged_from_their_own_side()
    {
        // The winner on the right, having been 3 down, the left player on zero is impossible; use 2–5.
        var match = Game(score: [2, 5], maxDeficit: [0, 3], winner: Loser);

        Achievements.Earned(match, Loser, Record(3, Achievements.FirstWin)).ShouldBe([Achievements.Comeback]);
    }

    [Test]
    public void Watching_a_game_for_the_first_time_earns_first_spectated()
    {
        var match = Game(spectators: [Watcher]);

        Achievements.Earned(match, Watcher, PlayerRecord.New).ShouldBe([Achievements.FirstSpectated]);
        Achievements.Earned(match, Watcher, PlayerRecord.New with { GamesSpectated = 1 }).ShouldBeEmpty();
        Achievements.Earned(Game(), Watcher, PlayerRecord.New).ShouldBeEmpty();
    }

    private static PlayerRecord Record(int wins, params string[] held) => new(wins, 0, 0, held);

    private static Match Game(
        int[]? score = null,
        int[]? maxDeficit = null,
        MatchEndReason reason = MatchEndReason.Score,
        Guid? winner = null,
        Guid[]? spectators = null) =>
        new(
            Guid.Parse("0190a000-0000-7000-8000-0000000000ff"),
            GameMode.Classic,
            GameSettings.Default,
            [Winner, Loser],
            score ?? [5, 2],
            winner ?? Winner,
            reason,
            T0,
            T0.AddMinutes(3),
            maxDeficit ?? [0, 3],
            spectators ?? []);
}
