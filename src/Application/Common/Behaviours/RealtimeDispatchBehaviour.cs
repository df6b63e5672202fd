using Mediator;
using Transcendence.Application.Common.Realtime;

namespace Transcendence.Application.Common.Behaviours;

/// <summary>
/// Sits outside the unit of work: when the message has been handled and committed, the events it queued
/// are delivered; when it failed, they are dropped. A <see cref="CommittedRefusal"/> committed what it
/// wrote (a revoked login), so what it queued about that is delivered before the refusal goes on.
/// </summary>
public sealed class RealtimeDispatchBehaviour<TMessage, TResponse>(RealtimeOutbox outbox)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
        }
        catch (CommittedRefusal)
        {
            await outbox.FlushAsync(CancellationToken.None);
            throw;
        }
        catch
        {
            outbox.Discard();
            throw;
        }

        // Delivery is best effort once the change is stored: a client that just went away must not turn
        // a committed command into an error for its sender. Flushing only queues each event for its
        // connections (the transport never waits for a socket), so the sender is answered at once.
        await outbox.FlushAsync(CancellationToken.None);
        return response;
    }
}
