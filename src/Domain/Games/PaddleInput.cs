namespace Transcendence.Domain.Games;

/// <summary>
/// What a player holds down. The intent lasts until the next one; <see cref="Seq"/> grows with every
/// input a connection sends, so a late or repeated one is recognised and dropped.
/// </summary>
public readonly record struct PaddleInput(bool Up, bool Down, long Seq)
{
    /// <summary>-1 up, +1 down (y grows downward), 0 for neither or both.</summary>
    public int Direction => (Down ? 1 : 0) - (Up ? 1 : 0);
}
