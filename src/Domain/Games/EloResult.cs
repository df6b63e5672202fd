namespace Transcendence.Domain.Games;

/// <summary>The ratings after a match, and the points that moved from loser to winner.</summary>
public readonly record struct EloResult(int WinnerRating, int LoserRating, int Change);
