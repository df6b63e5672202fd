using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Presence.AnnouncePresence;

namespace Transcendence.Web.Hosting;

/// <summary>
/// With several instances, keeps the shared presence true between hub reports (<see cref="IPresenceUpkeep"/>):
/// every beat this instance renews its presence lease (writing its part again after an outage) and counts out
/// dead instances. Friends hear every status this changed. One instance: nothing to do.
/// </summary>
/// <remarks>
/// Every instance sweeps, with no singleton lease: counting an instance out is one Redis script that checks its
/// lease is gone and empties its part atomically, so of several sweepers exactly one finds each flip, and a dead
/// instance is counted out within its lease time and a beat, with no lease take-over to wait for first.
/// </remarks>
public sealed partial class PresenceUpkeep(
    IPresenceUpkeep upkeep, IServiceScopeFactory scopes, TimeProvider clock, ILogger<PresenceUpkeep> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        upkeep.Beat is { } beat ? EveryBeatAsync(beat, stoppingToken) : Task.CompletedTask;

    private async Task EveryBeatAsync(TimeSpan beat, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(beat, clock);
        do
        {
            try
            {
                var flipped = (await upkeep.RenewAsync(stoppingToken)).Concat(await upkeep.SweepAsync(stoppingToken)).Distinct().ToList();
                if (flipped.Count > 0)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AnnouncePresence(flipped), stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStepFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping presence across instances failed; the next beat retries")]
    private partial void LogStepFailed(Exception exception);
}
