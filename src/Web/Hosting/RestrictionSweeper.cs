using Mediator;
using Transcendence.Application.Channels.SweepExpiredRestrictions;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Web.Hosting;

/// <summary>
/// One for the app: every <c>Chat:SweepInterval</c> (default 5 s, on the app's <see cref="TimeProvider"/>)
/// removes ended mutes and bans and announces <c>unmuted</c>. Only tidying: sends check the clock themselves.
/// With several instances only the one holding the <see cref="LeaseName"/> lease sweeps (<see cref="ISingletonLeases"/>).
/// </summary>
public sealed partial class RestrictionSweeper(
    IServiceScopeFactory scopes, ISingletonLeases leases, TimeProvider clock, IConfiguration configuration, ILogger<RestrictionSweeper> logger)
    : BackgroundService
{
    /// <summary>The singleton lease the sweeping instance holds.</summary>
    public const string LeaseName = "restriction-sweeper";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        leases.RunWhileHeldAsync(LeaseName, SweepAsync, stoppingToken);

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Chat:SweepInterval", TimeSpan.FromSeconds(5));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetRequiredService<ISender>();
                var batch = new SweepExpiredRestrictions();
                while (await sender.Send(batch, stoppingToken) == batch.MaxChannels)
                {
                    // A full batch means there may be more: a backlog is cleared in one pass.
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired mutes and bans failed; the next pass retries")]
    private partial void LogSweepFailed(Exception exception);
}
