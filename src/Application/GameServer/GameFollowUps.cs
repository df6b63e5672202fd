using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Games.RecordMatch;

namespace Transcendence.Application.GameServer;

/// <summary>
/// The slow work that leaves the <see cref="GameLoop"/> as commands, run one at a time off its thread, each in
/// its own scope (its own transaction and realtime outbox): storing a finished match and then announcing it
/// (<c>GameEnded</c> with the rating changes, through the loop, so a client that reads the profile on it sees
/// the result), in-game presence.
/// </summary>
/// <remarks>
/// When the server stops, whatever is queued still runs before the process exits (the results players were
/// shown are stored); the host's shutdown timeout bounds it. A store that is briefly unavailable is retried
/// a few times before the match is announced without its rating changes.
/// </remarks>
public sealed partial class GameFollowUps(
    GameLoop loop, IServiceScopeFactory scopes, IStoreOutages outages, ILogger<GameFollowUps> logger)
{
    private static readonly TimeSpan[] OutageRetries = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private Task _running = Task.CompletedTask;

    public void Start() => _running = Task.Run(RunAsync);

    /// <summary>Ends once the loop has stopped and everything it queued has run.</summary>
    public Task Completion => _running;

    private async Task RunAsync()
    {
        await foreach (var work in loop.FollowUps.ReadAllAsync())
        {
            try
            {
                switch (work)
                {
                    case StoreMatch store:
                        await StoreThenAnnounceAsync(store);
                        break;
                    case FollowUp followUp:
                        await SendAsync(followUp.Command);
                        break;
                }
            }
            catch (Exception ex)
            {
                LogFollowUpFailed(ex, work.GetType().Name);
            }
        }
    }

    private async Task StoreThenAnnounceAsync(StoreMatch store)
    {
        IReadOnlyDictionary<Guid, int> ratingChange = new Dictionary<Guid, int>();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var recorded = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RecordMatch(store.Match), CancellationToken.None);
                ratingChange = recorded.RatingChange;
                break;
            }
            catch (Exception ex) when (outages.IsOutage(ex) && attempt < OutageRetries.Length)
            {
                LogStoreRetry(ex, store.Match.Id, OutageRetries[attempt].TotalSeconds);
                await Task.Delay(OutageRetries[attempt]);
            }
            catch (Exception ex)
            {
                // The players still learn that the game ended; the result is in the log.
                LogStoreFailed(ex, store.Match.Id);
                break;
            }
        }

        try
        {
            await loop.AnnounceAsync(store.Audience, GameEvents.GameEnded, GameEndedEvent.Of(store.Match, ratingChange));
        }
        catch (OperationCanceledException)
        {
            // The server stopped meanwhile: its connections are closing, nobody is left to tell.
        }
    }

    private async Task SendAsync(ICommand command)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The game follow-up {Work} failed")]
    private partial void LogFollowUpFailed(Exception exception, string work);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing match {MatchId} met an unavailable store; retrying in {Seconds} s")]
    private partial void LogStoreRetry(Exception exception, Guid matchId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing match {MatchId} failed; it is announced without rating changes")]
    private partial void LogStoreFailed(Exception exception, Guid matchId);
}
