namespace Transcendence.Domain.Games;

/// <summary>A point: <see cref="UserId"/> is the player who scored; <see cref="Score"/> is the score after it.</summary>
public sealed record PointScored(Guid UserId, IReadOnlyList<int> Score);
