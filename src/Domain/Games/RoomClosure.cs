namespace Transcendence.Domain.Games;

/// <summary>How a room closed: why, who caused it (none for a time-out), and when.</summary>
public sealed record RoomClosure(ClosedReason Reason, Guid? UserId, DateTimeOffset At);
