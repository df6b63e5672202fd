using System.Diagnostics;

namespace Transcendence.LoadGenerator.Processes;

public static class ProcessExit
{
    /// <summary>Waits up to <paramref name="grace"/> for a process that was asked to stop, then kills it.</summary>
    public static async Task WaitOrKillAsync(Process process, TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
