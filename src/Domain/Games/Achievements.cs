namespace Transcendence.Domain.Games;

/// <summary>
/// The achievements and when they are earned. Each is earned once: one already held is never
/// awarded again. <see cref="FlawlessWin"/> and <see cref="Comeback"/> need a game won on the score,
/// not a forfeit or a disconnection.
/// </summary>
public static class Achievements
{
    /// <summary>Won a match.</summary>
    public const string FirstWin = "first_win";

    /// <summary>Won ten matches.</summary>
    public const string TenWins = "ten_wins";

    /// <summary>Won on the score with the opponent on zero.</summary>
    public const string FlawlessWin = "flawless_win";

    /// <summary>Won on the score after being <see cref="ComebackDeficit"/> points behind at some moment.</summary>
    public const string Comeback = "comeback";

    /// <summary>Watched a game being played for the first time.</summary>
    public const string FirstSpectated = "first_spectated";

    public const int ComebackDeficit = 3;

    public static IReadOnlyList<string> All { get; } = [FirstWin, TenWins, FlawlessWin, Comeback, FirstSpectated];

    /// <summary>
    /// What <paramref name="userId"/> earns from <paramref name="match"/>, as a player or as one of its
    /// spectators, given their record before it. Empty for anyone else.
    /// </summary>
    public static IReadOnlyList<string> Earned(Match match, Guid userId, PlayerRecord before)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(before);
        var earned = new List<string>();

        void Award(string achievement, bool condition)
        {
            if (condition && !before.Achievements.Contains(achievement) && !earned.Contains(achievement))
            {
                earned.Add(achievement);
            }
        }

        var side = match.IndexOf(userId);
        if (side >= 0 && match.WinnerId == userId)
        {
            var onScore = match.Reason == MatchEndReason.Score;
            Award(FirstWin, true);
            Award(TenWins, before.Wins + 1 >= 10);
            Award(FlawlessWin, onScore && match.Score[1 - side] == 0);
            Award(Comeback, onScore && match.MaxDeficit[side] >= ComebackDeficit);
        }

        if (side < 0 && match.SpectatorIds.Contains(userId))
        {
            Award(FirstSpectated, before.GamesSpectated == 0);
        }

        return earned;
    }
}
