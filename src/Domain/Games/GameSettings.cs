using Transcendence.Domain.Common;

namespace Transcendence.Domain.Games;

/// <summary>
/// What the host of a room chooses before play. <see cref="BallSpeed"/> multiplies the mode's serve
/// speed (and so its cap); <see cref="PaddleSize"/> is the paddles' height in field units.
/// </summary>
public sealed record GameSettings
{
    public const int MinWinningScore = 1;
    public const int MaxWinningScore = 21;
    public const int DefaultWinningScore = 5;
    public const double MinBallSpeed = 0.5;
    public const double MaxBallSpeed = 2.0;
    public const double DefaultBallSpeed = 1.0;
    public const int MinPaddleSize = 40;
    public const int MaxPaddleSize = 160;
    public const int DefaultPaddleSize = 80;

    private GameSettings(int winningScore, double ballSpeed, int paddleSize)
    {
        WinningScore = winningScore;
        BallSpeed = ballSpeed;
        PaddleSize = paddleSize;
    }

    public static GameSettings Default { get; } = new(DefaultWinningScore, DefaultBallSpeed, DefaultPaddleSize);

    public int WinningScore { get; }

    public double BallSpeed { get; }

    public int PaddleSize { get; }

    /// <summary>Settings with all three values given, each checked against its bounds.</summary>
    public static GameSettings Create(int winningScore, double ballSpeed, int paddleSize) =>
        Default.With(winningScore, ballSpeed, paddleSize);

    /// <summary>
    /// These settings with the values given replaced; a <c>null</c> keeps the current value. Any value
    /// out of bounds refuses the whole change with <c>validation</c>.
    /// </summary>
    public GameSettings With(int? winningScore = null, double? ballSpeed = null, int? paddleSize = null)
    {
        if (winningScore is < MinWinningScore or > MaxWinningScore)
        {
            throw GameErrors.Invalid($"winningScore is between {MinWinningScore} and {MaxWinningScore}");
        }

        // The negated form also refuses NaN, which compares false with everything.
        if (ballSpeed is { } speed && !(speed >= MinBallSpeed && speed <= MaxBallSpeed))
        {
            throw GameErrors.Invalid($"ballSpeed is between {MinBallSpeed:0.0} and {MaxBallSpeed:0.0}");
        }

        if (paddleSize is < MinPaddleSize or > MaxPaddleSize)
        {
            throw GameErrors.Invalid($"paddleSize is between {MinPaddleSize} and {MaxPaddleSize}");
        }

        return new GameSettings(winningScore ?? WinningScore, ballSpeed ?? BallSpeed, paddleSize ?? PaddleSize);
    }
}
