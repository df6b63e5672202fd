using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Leases;

/// <summary>One instance alone: every lease is always held, so the work runs at once, until stopping.</summary>
public sealed class InProcessSingletonLeases : ISingletonLeases
{
    public async Task RunWhileHeldAsync(string name, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        LeaseTelemetry.Taken(name);
        try
        {
            await work(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the work ended as asked.
        }
        finally
        {
            LeaseTelemetry.Given(name);
        }
    }
}
