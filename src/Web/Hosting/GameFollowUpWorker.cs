using System.Threading.Channels;
using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Games;
using Transcendence.Application.Games.RecordMatch;

namespace Transcendence.Web.Hosting;

/// <summary>
/// Runs the games' slow follow-ups one at a time, each in its own scope (its own transaction and realtime
/// outbox), away from the tick: storing a finished match and then announcing it (<c>GameEnded</c> with the
/// rating changes, so a client that reads the profile on it sees the result), in-game presence.
/// </summary>
/// <remarks>
/// When the host stops, whatever is queued still runs before the process exits (the results players were
/// shown are stored); the host's shutdown timeout bounds it. A store that is briefly unavailable is retried
/// a few times before the match is announced without its rating changes.
/// </remarks>
public sealed partial class GameFollowUpWorker(
    IServiceScopeFactory scopes, IGameTransport transport, IStoreOutages outages, ILogger<GameFollowUpWorker> logger) : BackgroundService
{
    private static readonly TimeSpan[] OutageRetries = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public Task Enqueue(ICommand command)
    {
        _queue.Writer.TryWrite(command);
        return Task.CompletedTask;
    }

    public Task Enqueue(StoreMatch store)
    {
        _queue.Writer.TryWrite(store);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(work, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: what is queued (a match someone was told about, or is about to be) still runs.
        while (_queue.Reader.TryRead(out var work))
        {
            await RunAsync(work, CancellationToken.None);
        }
    }

    private async Task RunAsync(object work, CancellationToken cancellationToken)
    {
        try
        {
            switch (work)
            {
                case StoreMatch store:
                    await StoreThenAnnounceAsync(store, cancellationToken);
                    break;
                case ICommand command:
                    await SendAsync(command, cancellationToken);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFollowUpFailed(ex, work.GetType().Name);
        }
    }

    private async Task StoreThenAnnounceAsync(StoreMatch store, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<Guid, int> ratingChange = new Dictionary<Guid, int>();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var recorded = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RecordMatch(store.Match), cancellationToken);
                ratingChange = recorded.RatingChange;
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && outages.IsOutage(ex) && attempt < OutageRetries.Length)
            {
                LogStoreRetry(ex, store.Match.Id, OutageRetries[attempt].TotalSeconds);
                await Task.Delay(OutageRetries[attempt], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The players still learn that the game ended; the result is in the log.
                LogStoreFailed(ex, store.Match.Id);
                break;
            }
        }

        await transport.ToUsersAsync(store.Audience, GameEvents.GameEnded, GameEndedEvent.Of(store.Match, ratingChange), cancellationToken);
    }

    private async Task SendAsync(ICommand command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The game follow-up {Work} failed")]
    private partial void LogFollowUpFailed(Exception exception, string work);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing match {MatchId} met an unavailable store; retrying in {Seconds} s")]
    private partial void LogStoreRetry(Exception exception, Guid matchId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing match {MatchId} failed; it is announced without rating changes")]
    private partial void LogStoreFailed(Exception exception, Guid matchId);
}
