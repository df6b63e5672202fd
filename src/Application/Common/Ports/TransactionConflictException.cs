namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Thrown by <see cref="IUnitOfWork.CommitAsync"/> when another transaction committed a change to
/// something this one read or wrote since it began: nothing of this one was written, and the unit of work
/// runs the command again from the start (nothing it queued has been delivered). The in-memory store's
/// optimistic transactions throw it; PostgreSQL's row locks make writers wait instead.
/// </summary>
public sealed class TransactionConflictException()
    : Exception("another transaction changed what this one read; nothing was written, run the command again");
