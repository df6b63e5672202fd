namespace Transcendence.Application.Common.Ports;

/// <summary>
/// One transaction around a command. Every repository call made between <see cref="BeginAsync"/> and
/// <see cref="CommitAsync"/> commits together or not at all; queries outside one read committed data.
/// </summary>
public interface IUnitOfWork
{
    ValueTask BeginAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes the transaction's writes visible, all at once; or throws <see cref="TransactionConflictException"/>, and
    /// then nothing of it was written and the transaction is over.
    /// </summary>
    ValueTask CommitAsync(CancellationToken cancellationToken);

    ValueTask RollbackAsync(CancellationToken cancellationToken);
}
