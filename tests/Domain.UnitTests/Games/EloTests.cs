using Transcendence.Domain.Games;

namespace Transcendence.Domain.UnitTests.Games;

public sealed class EloTests
{
    [Test]
    public void Between_equal_ratings_the_winner_takes_16()
    {
        var result = Elo.Rate(Elo.StartingRating, Elo.StartingRating);

        result.ShouldBe(new EloResult(1016, 984, 16));
    }

    [Test]
    public void The_expected_score_follows_the_logistic_formula()
    {
        Elo.ExpectedScore(1000, 1000).ShouldBe(0.5);
        Elo.ExpectedScore(1400, 1000).ShouldBe(10.0 / 11, 1e-12);
        Elo.ExpectedScore(1000, 1400).ShouldBe(1.0 / 11, 1e-12);
    }

    [TestCase(1000, 1400, 29)] // upset: 32 × 10/11 = 29.09
    [TestCase(1400, 1000, 3)] // favourite: 32 × 1/11 = 2.91
    [TestCase(1200, 1000, 8)] // 32 × 0.2403 = 7.69
    [TestCase(1000, 1200, 24)] // 32 × 0.7597 = 24.31
    [TestCase(1000, 1100, 20)] // 32 × 0.6401 = 20.48
    [TestCase(2400, 1000, 0)] // a sure thing earns nothing
    public void The_change_is_k_times_the_surprise_rounded(int winner, int loser, int change)
    {
        var result = Elo.Rate(winner, loser);

        result.Change.ShouldBe(change);
        result.WinnerRating.ShouldBe(winner + change);
        result.LoserRating.ShouldBe(loser - change);
    }

    [Test]
    public void Ratings_are_conserved_whatever_the_pairing()
    {
        for (var winner = 600; winner <= 2000; winner += 37)
        {
            for (var loser = 600; loser <= 2000; loser += 41)
            {
                var result = Elo.Rate(winner, loser);
                (result.WinnerRating + result.LoserRating).ShouldBe(winner + loser);
                result.Change.ShouldBeInRange(0, Elo.K);
            }
        }
    }
}
