namespace Transcendence.Domain.Games;

/// <summary>What achievements are judged against: a user's figures before the match being judged.</summary>
public sealed record PlayerRecord(int Wins, int Losses, int GamesSpectated, IReadOnlyCollection<string> Achievements)
{
    public static PlayerRecord New { get; } = new(0, 0, 0, []);
}
