using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Common.Behaviours;

/// <summary>
/// Wraps every command in one transaction: committed when the handler returns, rolled back when it
/// throws, so a failed command leaves no partial change. Queries and <see cref="ILiveStateCommand"/>s
/// (which write nothing to the store) pass straight through, and so do <see cref="IAtomicWriteCommand"/>s
/// (whose one write is atomic on its own). The one
/// exception is a <see cref="CommittedRefusal"/>: the handler refuses but what it wrote before stands.
/// </summary>
/// <remarks>
/// Constrained to Mediator's own <see cref="IMessage"/> and branching inside: a behaviour constrained to
/// an interface of ours would silently not be registered by the source generator.
/// </remarks>
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand or ILiveStateCommand or IAtomicWriteCommand)
        {
            return await next(message, cancellationToken);
        }

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
