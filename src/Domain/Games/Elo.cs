namespace Transcendence.Domain.Games;

/// <summary>
/// Elo ratings: everyone starts at <see cref="StartingRating"/>; after a match the winner gains and the
/// loser loses the same whole number of points, <c>round(K × (1 − E))</c> with E the winner's expected
/// score and halves rounded away from zero, so the sum of ratings never changes. Every ended match
/// counts, whatever its reason (a forfeit is a loss).
/// </summary>
public static class Elo
{
    public const int StartingRating = 1000;
    public const int K = 32;

    /// <summary>The expected score of a player rated <paramref name="rating"/>: 1 / (1 + 10^((opponent − rating) / 400)).</summary>
    public static double ExpectedScore(int rating, int opponentRating) =>
        1.0 / (1.0 + Math.Pow(10, (opponentRating - rating) / 400.0));

    /// <summary>The points the winner takes from the loser.</summary>
    public static int Change(int winnerRating, int loserRating) =>
        (int)Math.Round(K * (1 - ExpectedScore(winnerRating, loserRating)), MidpointRounding.AwayFromZero);

    public static EloResult Rate(int winnerRating, int loserRating)
    {
        var change = Change(winnerRating, loserRating);
        return new EloResult(winnerRating + change, loserRating - change, change);
    }
}
