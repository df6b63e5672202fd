namespace Transcendence.Application.Users;

/// <summary>A player's record. Until games are played (the game issue) every user has the starting figures.</summary>
public sealed record UserStats(int Wins, int Losses, int Rating, int? Rank, IReadOnlyList<string> Achievements)
{
    public const int StartingRating = 1000;

    public static UserStats Starting { get; } = new(0, 0, StartingRating, null, []);
}
