using System.Diagnostics;
using Transcendence.LoadGenerator.Measurement;
using Transcendence.LoadGenerator.Scenarios.Chat;

namespace Transcendence.LoadGenerator.Scenarios.ChatChannels;

/// <summary>
/// A SignalR system of the chat scenario (bare hub, the app on either store) with its channels opened the
/// same way, members on the load generator's minimal SignalR client; member 0 of each channel sends.
/// </summary>
public sealed class HubChannelsSystem : IChannelsSystem
{
    private static int _runIds = 1_000_000;
    private readonly IChatSystem _system;
    private readonly IChatRoom[] _rooms;
    private readonly DeliverySink[] _sinks;
    private readonly int _members;

    private HubChannelsSystem(IChatSystem system, IChatRoom[] rooms, DeliverySink[] sinks, int members)
    {
        _system = system;
        _rooms = rooms;
        _sinks = sinks;
        _members = members;
    }

    public string Name => _system.Name;

    /// <summary>The chat system underneath (its instances, whether it runs on Redis).</summary>
    public IChatSystem System => _system;

    public static async Task<HubChannelsSystem> OpenAsync(IChatSystem system, int channels, int members, CancellationToken cancellationToken)
    {
        var sinks = Enumerable.Range(0, channels).Select(_ => new DeliverySink()).ToArray();
        var rooms = new IChatRoom[channels];
        try
        {
            for (var i = 0; i < channels; i++)
            {
                rooms[i] = await system.OpenRoomAsync(members, sinks[i], cancellationToken);
            }
        }
        catch
        {
            foreach (var room in rooms.Where(r => r is not null))
            {
                await room.DisposeAsync();
            }

            await system.DisposeAsync();
            throw;
        }

        return new HubChannelsSystem(system, rooms, sinks, members);
    }

    public async Task<WindowResult> AtRateAsync(double messagesPerSecond, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken)
    {
        var result = await FixedRate.MeasureAsync(_system.StartMeter, _sinks, Interlocked.Increment(ref _runIds), _members, messagesPerSecond, warmup, measure,
            (run, n, seq) => run.Send(_rooms[n % _rooms.Length], 0, seq), cancellationToken);
        return new WindowResult(result.Deliveries, result.WallSeconds, result.ServerCpuSeconds, result.LoadCpuSeconds, result.Latency, result.Undelivered, result.Failed)
        {
            Window = new DeliveryWindow(result.Server!, result.Deliveries, _members),
        };
    }

    public async Task<WindowResult> SaturateAsync(int window, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken)
    {
        var runs = _rooms.Select(_ => new FanOutRun(Interlocked.Increment(ref _runIds), _members, 100_000, window)).ToArray();
        Route(i => runs[i]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var senders = runs.Select((run, i) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await run.Window!.WaitAsync(stop.Token);
                var seq = run.Next(Stopwatch.GetTimestamp());
                if (seq < 0)
                {
                    return;
                }

                run.Send(_rooms[i], 0, seq);
            }
        }, stop.Token)).ToArray();

        await Task.Delay(warmup, cancellationToken);
        var before = runs.Sum(r => r.Delivered);
        var server = _system.StartMeter();
        var load = ServerMeter.Start(Environment.ProcessId);
        await Task.Delay(measure, cancellationToken);
        var serverWindow = server.StopWindow();
        var (_, loadCpu) = load.Stop();
        var delivered = runs.Sum(r => r.Delivered) - before;
        await stop.CancelAsync();
        await Task.WhenAll(senders.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var run in runs)
        {
            await run.DrainAsync(TimeSpan.FromSeconds(10));
        }

        Route(_ => null);
        return new WindowResult(delivered, serverWindow.WallSeconds, serverWindow.CpuSeconds, loadCpu, null,
            runs.Sum(r => ((long)r.Sent * _members) - r.Delivered), runs.Sum(r => r.Failed))
        {
            Window = new DeliveryWindow(serverWindow, delivered, _members),
        };
    }

    private void Route(Func<int, FanOutRun?> runOf)
    {
        for (var i = 0; i < _sinks.Length; i++)
        {
            _sinks[i].Current = runOf(i);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var room in _rooms)
        {
            await room.DisposeAsync();
        }

        await _system.DisposeAsync();
    }
}
