using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Common.Behaviours;

/// <summary>
/// Wraps every command in one transaction: committed when the handler returns, rolled back when it
/// throws, so a failed command leaves no partial change. Queries and <see cref="ILiveStateCommand"/>s
/// (which write nothing to the store) pass straight through, and so do <see cref="IAtomicWriteCommand"/>s
/// (whose one write is atomic on its own). The one
/// exception is a <see cref="CommittedRefusal"/>: the handler refuses but what it wrote before stands.
/// A commit that meets a <see cref="TransactionConflictException"/> (another transaction changed what this one
/// read) wrote nothing: the events the attempt queued are dropped and the command runs again from the
/// start, on what is committed now.
/// </summary>
/// <remarks>
/// Constrained to Mediator's own <see cref="IMessage"/> and branching inside: a behaviour constrained to
/// an interface of ours would silently not be registered by the source generator.
/// </remarks>
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(IUnitOfWork unitOfWork, RealtimeOutbox outbox)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    /// <summary>
    /// Conflicts need two writers on one row within one command's time; a command that keeps losing this
    /// many times in a row is a bug (or a livelock) to hear about, not to hide.
    /// </summary>
    public const int MaxAttempts = 50;

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand or ILiveStateCommand or IAtomicWriteCommand)
        {
            return await next(message, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(message, next, cancellationToken);
            }
            catch (TransactionConflictException) when (attempt < MaxAttempts)
            {
                outbox.Discard();
            }
        }
    }

    private async ValueTask<TResponse> RunOnceAsync(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        await unitOfWork.BeginAsync(cancellationToken);
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
        }
        catch (CommittedRefusal)
        {
            await unitOfWork.CommitAsync(CancellationToken.None);
            throw;
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }

        await unitOfWork.CommitAsync(cancellationToken);
        return response;
    }
}
