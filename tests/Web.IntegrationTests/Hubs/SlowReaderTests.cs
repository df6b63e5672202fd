using System.Diagnostics.Metrics;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Hubs;

/// <summary>
/// Sends never wait for a socket: a member who stops reading is closed with <c>slow_consumer</c> once
/// <c>Hubs:Outgoing</c> is exceeded, and meanwhile the sender's calls complete and the other members receive
/// everything (on Kestrel, so the reader's socket really fills).
/// </summary>
public sealed class SlowReaderTests
{
    private const int QueueBound = 20;

    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(
        StorageProvider.InMemory,
        settings: new Dictionary<string, string?>
        {
            ["Hubs:Outgoing:MaxQueuedMessages"] = QueueBound.ToString(),
            // The bound, not the socket's own send timeout, is what closes the reader here.
            ["Hubs:Outgoing:SendTimeout"] = "00:05:00",
            ["Chat:SendLimit:Messages"] = "100000",
        },
        realServer: true);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_member_who_stops_reading_is_closed_with_slow_consumer_while_everyone_else_carries_on()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        var bob = await ApiClient.LoginAsync(_app, "bob");
        var carol = await ApiClient.LoginAsync(_app, "carol");
        var channel = await alice.CreateChannelAsync("busy");
        await bob.JoinOkAsync(channel);
        await carol.JoinOkAsync(channel);
        await using var sender = await _app.ConnectChatAsync(alice);
        await using var reader = await _app.ConnectChatAsync(bob);
        await using var stalled = await StalledHubReader.ConnectAsync(_app, carol, ChatTestKit.HubPath);
        using var slowConsumers = new SlowConsumerCount();

        await SlowReaderFlood.RunAsync(sender, reader, stalled, channel, () => slowConsumers.Closed.IsCompleted, () => string.Empty);
    }

    /// <summary>The app's <c>transcendence.hubs.slow_consumers</c> counter, watched in this process.</summary>
    private sealed class SlowConsumerCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SlowConsumerCount()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Transcendence.Realtime" && instrument.Name == "transcendence.hubs.slow_consumers")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, _, _) => _closed.TrySetResult());
            _listener.Start();
        }

        public Task Closed => _closed.Task;

        public void Dispose() => _listener.Dispose();
    }
}
