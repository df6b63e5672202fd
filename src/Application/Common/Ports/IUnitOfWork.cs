namespace Transcendence.Application.Common.Ports;

/// <summary>
/// One transaction around a command. Every repository call made between <see cref="BeginAsync"/> and
/// <see cref="CommitAsync"/> commits together or not at all; queries outside one read committed data.
/// </summary>
public interface IUnitOfWork
{
    ValueTask BeginAsync(CancellationToken cancellationToken);

    ValueTask CommitAsync(CancellationToken cancellationToken);

    ValueTask RollbackAsync(CancellationToken cancellationToken);
}
