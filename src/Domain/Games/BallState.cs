namespace Transcendence.Domain.Games;

/// <summary>The ball's top-left corner and its velocity in units per tick.</summary>
public readonly record struct BallState(double X, double Y, double Vx, double Vy)
{
    public double Speed => Math.Sqrt((Vx * Vx) + (Vy * Vy));
}
