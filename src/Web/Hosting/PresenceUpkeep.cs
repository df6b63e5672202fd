using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Presence.AnnouncePresence;

namespace Transcendence.Web.Hosting;

/// <summary>
/// With several instances, keeps the shared presence true between hub reports (<see cref="IPresenceUpkeep"/>):
/// every beat this instance renews its presence lease (writing its part again after an outage), and the one
/// instance holding the <see cref="LeaseName"/> lease counts out dead instances. Friends hear every status this
/// changed. One instance: nothing to do.
/// </summary>
public sealed partial class PresenceUpkeep(
    IPresenceUpkeep upkeep, ISingletonLeases leases, IServiceScopeFactory scopes, TimeProvider clock, ILogger<PresenceUpkeep> logger)
    : BackgroundService
{
    /// <summary>The singleton lease the instance counting out dead instances holds.</summary>
    public const string LeaseName = "presence-sweeper";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        upkeep.Beat is not { } beat
            ? Task.CompletedTask
            : Task.WhenAll(
                EveryBeatAsync(beat, upkeep.RenewAsync, stoppingToken),
                leases.RunWhileHeldAsync(LeaseName, token => EveryBeatAsync(beat, upkeep.SweepAsync, token), stoppingToken));

    private async Task EveryBeatAsync(TimeSpan beat, Func<CancellationToken, Task<IReadOnlyList<Guid>>> step, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(beat, clock);
        do
        {
            try
            {
                var flipped = await step(stoppingToken);
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
