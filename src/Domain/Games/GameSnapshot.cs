namespace Transcendence.Domain.Games;

/// <summary>
/// The whole visible state after a tick: what the <c>State</c> event carries. <see cref="Paddles"/> and
/// <see cref="Score"/> are in player order (index 0 is the left paddle).
/// </summary>
public sealed record GameSnapshot(long Tick, BallState Ball, IReadOnlyList<PaddleState> Paddles, IReadOnlyList<int> Score);
