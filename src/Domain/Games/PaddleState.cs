namespace Transcendence.Domain.Games;

/// <summary>
/// A paddle's top edge (its x is fixed by side) and the last input sequence number applied to it
/// (<c>null</c> before any), which a client can use to reconcile its prediction.
/// </summary>
public readonly record struct PaddleState(Guid UserId, double Y, long? LastSeq);
