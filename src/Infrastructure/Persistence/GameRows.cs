using Transcendence.Domain.Games;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>A <see cref="Match"/> as both stores hold it: enumerations as their wire words, players left then right.</summary>
public sealed class MatchRow
{
    public Guid Id { get; init; }

    public string Mode { get; init; } = GameModes.Classic;

    public int WinningScore { get; init; }

    public double BallSpeed { get; init; }

    public int PaddleSize { get; init; }

    public Guid LeftPlayerId { get; init; }

    public Guid RightPlayerId { get; init; }

    public int LeftScore { get; init; }

    public int RightScore { get; init; }

    public Guid WinnerId { get; init; }

    public string Reason { get; init; } = "score";

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset EndedAt { get; init; }

    public int LeftMaxDeficit { get; init; }

    public int RightMaxDeficit { get; init; }

    public Guid[] SpectatorIds { get; init; } = [];

    public static MatchRow From(Match match) => new()
    {
        Id = match.Id,
        Mode = match.Mode.ToName(),
        WinningScore = match.Settings.WinningScore,
        BallSpeed = match.Settings.BallSpeed,
        PaddleSize = match.Settings.PaddleSize,
        LeftPlayerId = match.PlayerIds[0],
        RightPlayerId = match.PlayerIds[1],
        LeftScore = match.Score[0],
        RightScore = match.Score[1],
        WinnerId = match.WinnerId,
        Reason = match.Reason.ToString().ToLowerInvariant(),
        StartedAt = match.StartedAt,
        EndedAt = match.EndedAt,
        LeftMaxDeficit = match.MaxDeficit[0],
        RightMaxDeficit = match.MaxDeficit[1],
        SpectatorIds = [.. match.SpectatorIds],
    };

    public Match ToMatch() => new(
        Id,
        GameModes.Parse(Mode),
        GameSettings.Create(WinningScore, BallSpeed, PaddleSize),
        [LeftPlayerId, RightPlayerId],
        [LeftScore, RightScore],
        WinnerId,
        Reason switch
        {
            "score" => MatchEndReason.Score,
            "forfeit" => MatchEndReason.Forfeit,
            "disconnected" => MatchEndReason.Disconnected,
            _ => throw new InvalidOperationException($"a stored match has the unknown reason '{Reason}'"),
        },
        StartedAt,
        EndedAt,
        [LeftMaxDeficit, RightMaxDeficit],
        SpectatorIds);
}

/// <summary>A player's figures as both stores hold them (achievements are rows of their own).</summary>
public sealed class PlayerStatsRow
{
    public Guid UserId { get; init; }

    public int Wins { get; init; }

    public int Losses { get; init; }

    public int Rating { get; init; } = Elo.StartingRating;

    public int GamesSpectated { get; init; }

    public bool HasPlayed => Wins + Losses > 0;

    public static PlayerStatsRow From(PlayerStats stats) => new()
    {
        UserId = stats.UserId,
        Wins = stats.Wins,
        Losses = stats.Losses,
        Rating = stats.Rating,
        GamesSpectated = stats.GamesSpectated,
    };

    public PlayerStats ToStats(IReadOnlyList<string> achievements) => new(UserId, Wins, Losses, Rating, GamesSpectated, achievements);
}

public sealed class AchievementRow
{
    public Guid UserId { get; init; }

    public string Code { get; init; } = string.Empty;

    public DateTimeOffset EarnedAt { get; init; }
}
