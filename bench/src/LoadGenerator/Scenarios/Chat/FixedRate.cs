using System.Diagnostics;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>An open-loop sender: messages are due at a fixed rate whether or not the server keeps up.</summary>
public static class FixedRate
{
    /// <summary>
    /// From <paramref name="start"/> until <paramref name="end"/> (timestamps), calls <paramref name="send"/> with
    /// each message's number and its scheduled time, catching up every millisecond, and
    /// <paramref name="onWindowOpen"/> once when <paramref name="windowFrom"/> has passed.
    /// </summary>
    public static async Task PaceAsync(
        double perSecond, long start, long windowFrom, long end, Action<long, long> send, Action onWindowOpen, CancellationToken cancellationToken)
    {
        var opened = false;
        var sent = 0L;
        for (var now = Stopwatch.GetTimestamp(); now < end; now = Stopwatch.GetTimestamp())
        {
            if (!opened && now >= windowFrom)
            {
                opened = true;
                onWindowOpen();
            }

            var due = (long)((now - start) / (double)Stopwatch.Frequency * perSecond);
            for (; sent < due; sent++)
            {
                send(sent, start + (long)(sent / perSecond * Stopwatch.Frequency));
            }

            await Task.Delay(1, cancellationToken);
        }

        if (!opened)
        {
            onWindowOpen();
        }
    }
}
