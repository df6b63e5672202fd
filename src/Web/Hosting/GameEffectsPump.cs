using Transcendence.Application.Games;

namespace Transcendence.Web.Hosting;

/// <summary>
/// Delivers the lobby's effects in the order they were posted, one batch at a time: sends and group changes
/// on the game hub; follow-up commands go to <see cref="GameFollowUpWorker"/>, so a slow store never holds
/// back a <c>State</c>. When the host stops, the batches already posted (the games ended by the shutdown, matches
/// to store) are still delivered.
/// </summary>
/// <remarks>
/// Sends are started in order but not awaited one by one: a send completes only when that client's socket
/// has taken the bytes, so waiting for it let one slow reader hold back every room's <c>State</c> and every
/// <c>Ping</c> (the game benchmark saw seconds of lag and then the heartbeat dropping everyone). Order per
/// connection still holds, because SignalR queues a connection's writes first come, first served; a client
/// that stops reading only delays itself, until the heartbeat drops it.
/// </remarks>
public sealed partial class GameEffectsPump(
    GameOutbox outbox, IGameTransport transport, GameConnections connections, GameFollowUpWorker followUps, ILogger<GameEffectsPump> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in outbox.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverBatchAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // The game loop stops before this pump (hosted services stop in reverse order) and posts its last
        // batch (games ended by the shutdown) on the way out; that and anything else still queued goes now.
        while (outbox.Reader.TryRead(out var batch))
        {
            await DeliverBatchAsync(batch, CancellationToken.None);
        }
    }

    private async Task DeliverBatchAsync(IReadOnlyList<GameEffect> batch, CancellationToken stoppingToken)
    {
        foreach (var effect in batch)
        {
            try
            {
                var delivery = DeliverAsync(effect, stoppingToken);
                if (!delivery.IsCompleted && effect is SendToUsers or SendToRoom or SendToConnection)
                {
                    ObserveLater(delivery, effect);
                    continue;
                }

                await delivery;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDeliveryFailed(ex, effect.GetType().Name);
            }
        }
    }

    private Task DeliverAsync(GameEffect effect, CancellationToken cancellationToken) => effect switch
    {
        SendToUsers send => transport.ToUsersAsync(send.UserIds, send.EventName, send.Payload, cancellationToken),
        SendToRoom send => transport.ToRoomAsync(send.RoomId, send.EventName, send.Payload, cancellationToken),
        SendToConnection send => transport.ToConnectionAsync(send.ConnectionId, send.EventName, send.Payload, cancellationToken),
        JoinConnectionToRoom join => transport.AddToRoomAsync(join.ConnectionId, join.RoomId, cancellationToken),
        JoinRoomGroup group => ChangeGroupAsync(group, cancellationToken),
        FollowUp followUp => followUps.Enqueue(followUp.Command),
        StoreMatch store => followUps.Enqueue(store),
        _ => Task.CompletedTask,
    };

    /// <summary>A send still in flight: its failure is logged when it ends instead of being lost.</summary>
    private void ObserveLater(Task delivery, GameEffect effect) =>
        _ = delivery.ContinueWith(
            (task, state) =>
            {
                if (task.Exception is { } failure && failure.InnerException is not OperationCanceledException)
                {
                    LogDeliveryFailed(failure.InnerException ?? failure, ((GameEffect)state!).GetType().Name);
                }
            },
            effect,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private async Task ChangeGroupAsync(JoinRoomGroup group, CancellationToken cancellationToken)
    {
        foreach (var connectionId in connections.ConnectionsOf(group.UserId))
        {
            if (group.Join)
            {
                await transport.AddToRoomAsync(connectionId, group.RoomId, cancellationToken);
            }
            else
            {
                await transport.RemoveFromRoomAsync(connectionId, group.RoomId, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering a game effect ({Effect}) failed")]
    private partial void LogDeliveryFailed(Exception exception, string effect);
}
