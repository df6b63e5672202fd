using Transcendence.LoadGenerator.Measurement;

using Transcendence.LoadGenerator.Scenarios.Chat;

namespace Transcendence.LoadGenerator.Scenarios.ChatChannels;

/// <summary>A system with its channels open and their members connected, ready to be driven.</summary>
public interface IChannelsSystem : IAsyncDisposable
{
    string Name { get; }

    /// <summary>One sender per channel, the channels in turn, <paramref name="messagesPerSecond"/> in all, open loop.</summary>
    Task<WindowResult> AtRateAsync(double messagesPerSecond, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken);

    /// <summary>Each channel's sender keeps <paramref name="window"/> messages in flight (until every member has one).</summary>
    Task<WindowResult> SaturateAsync(int window, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken);
}

/// <summary>
/// One measurement window: deliveries in it, the server's CPU and the load generator's (this process, or the
/// socket.io driver) over it, latency of the messages sent in it (fixed rate only), and what never arrived.
/// </summary>
public sealed record WindowResult(
    long Deliveries, double WallSeconds, double ServerCpuSeconds, double LoadCpuSeconds, Percentiles? Latency, long Undelivered, long Failed)
{
    /// <summary>The server's CPU split (app instances, Redis) with the deliveries, for the SignalR systems.</summary>
    public DeliveryWindow? Window { get; init; }

    public double DeliveriesPerSecond => Deliveries / WallSeconds;

    public double DeliveriesPerServerCpuSecond => Deliveries / ServerCpuSeconds;

    public double ServerCpuShare => ServerCpuSeconds / WallSeconds * 100;

    public double LoadCpuShare => LoadCpuSeconds / WallSeconds * 100;
}
