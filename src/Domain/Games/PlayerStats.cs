namespace Transcendence.Domain.Games;

/// <summary>
/// A user's figures on the ladder: wins, losses, Elo rating, games watched, and the achievements they hold
/// (oldest first). A user with nothing recorded has the starting figures (<see cref="New"/>). Only
/// <see cref="Ladder"/> moves them, one played match at a time.
/// </summary>
public sealed record PlayerStats(Guid UserId, int Wins, int Losses, int Rating, int GamesSpectated, IReadOnlyList<string> Achievements)
{
    public static PlayerStats New(Guid userId) => new(userId, 0, 0, Elo.StartingRating, 0, []);

    /// <summary>Whether they have played a match: only those are ranked.</summary>
    public bool HasPlayed => Wins + Losses > 0;

    /// <summary>What achievements are judged against.</summary>
    public PlayerRecord ToRecord() => new(Wins, Losses, GamesSpectated, Achievements);
}
