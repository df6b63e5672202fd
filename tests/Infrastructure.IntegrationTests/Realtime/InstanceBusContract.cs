using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure.IntegrationTests.ScaleOut;
using Transcendence.Infrastructure.Realtime;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Realtime;

/// <summary>
/// What every <see cref="IInstanceBus"/> promises, run against both twins: two buses stand for two instances (on
/// Redis, two connections to one server). The in-process twin reaches nobody, so there the other hears nothing.
/// </summary>
[TestFixture("InProcess")]
[TestFixture("Redis")]
public sealed class InstanceBusContract(string twin)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private RedisTestServer? _redis;
    private readonly List<IDisposable> _owned = [];
    private readonly List<string> _instanceIds = [];

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        if (twin == "Redis")
        {
            _redis = await RedisTestServer.StartAsync();
        }
    }

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [TearDown]
    public void DisposeBuses()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
        _instanceIds.Clear();
    }

    [Test]
    public async Task Another_instance_hears_what_one_publishes_in_order_and_the_publisher_never_hears_itself()
    {
        var (one, other) = await TwoInstancesAsync();
        var heardByOne = new Heard();
        var heardByOther = new Heard();
        await one.SubscribeAsync("topic", heardByOne.Add);
        await other.SubscribeAsync("topic", heardByOther.Add);

        foreach (var n in new[] { "1", "2", "3" })
        {
            one.Publish("topic", Encoding.UTF8.GetBytes(n));
        }

        if (!one.ReachesOtherInstances)
        {
            one.IsConnected.ShouldBeTrue();
            heardByOne.Items.ShouldBeEmpty();
            heardByOther.Items.ShouldBeEmpty();
            return;
        }

        (await heardByOther.FirstAsync(3)).ShouldBe(["1", "2", "3"]);
        // Published after the other heard the three: had the publisher heard its own, they would have come before this.
        other.Publish("topic", "from the other"u8.ToArray());
        (await heardByOne.FirstAsync(1)).ShouldBe(["from the other"]);
        heardByOther.Items.ShouldBe(["1", "2", "3"]);
    }

    [Test]
    public async Task After_unsubscribing_an_instance_hears_nothing_more_on_that_topic()
    {
        var (one, other) = await TwoInstancesAsync();
        var heard = new Heard();
        await other.SubscribeAsync("left", heard.Add);
        await other.SubscribeAsync("kept", heard.Add);
        await other.UnsubscribeAsync("left");

        one.Publish("left", "not heard"u8.ToArray());
        one.Publish("kept", "heard"u8.ToArray());

        if (!one.ReachesOtherInstances)
        {
            heard.Items.ShouldBeEmpty();
            return;
        }

        // Both from one publisher, in order: by the time the second is heard, the first would have been.
        (await heard.FirstAsync(1)).ShouldBe(["heard"]);
    }

    [Test]
    public async Task Subscribing_twice_delivers_once()
    {
        var (one, other) = await TwoInstancesAsync();
        var heard = new Heard();
        await other.SubscribeAsync("twice", heard.Add);
        await other.SubscribeAsync("twice", heard.Add);

        one.Publish("twice", "a"u8.ToArray());
        one.Publish("twice", "b"u8.ToArray());

        if (!one.ReachesOtherInstances)
        {
            heard.Items.ShouldBeEmpty();
            return;
        }

        (await heard.FirstAsync(2)).ShouldBe(["a", "b"]);
    }

    [Test]
    public async Task Each_bus_names_its_instance()
    {
        var (one, other) = await TwoInstancesAsync();

        if (!one.ReachesOtherInstances)
        {
            one.InstanceId.ShouldBe(InProcessInstanceBus.LocalInstanceId);
            return;
        }

        one.InstanceId.ShouldNotBeNullOrWhiteSpace();
        one.InstanceId.ShouldNotBe(other.InstanceId);
        one.InstanceId.ShouldBe(_instanceIds[0]);
    }

    private async Task<(IInstanceBus One, IInstanceBus Other)> TwoInstancesAsync()
    {
        if (_redis is null)
        {
            return (new InProcessInstanceBus(), new InProcessInstanceBus());
        }

        return (await RedisBusAsync(), await RedisBusAsync());
    }

    private async Task<IInstanceBus> RedisBusAsync()
    {
        var scaleOut = RedisKit.Connect(_redis!.Endpoint);
        _instanceIds.Add(scaleOut.InstanceId);
        await RedisKit.UntilConnectedAsync(scaleOut);
        var bus = new RedisInstanceBus(scaleOut, NullLogger<RedisInstanceBus>.Instance);
        _owned.Add(bus);
        _owned.Add(scaleOut);
        return bus;
    }

    /// <summary>What a subscriber heard, as text, in order.</summary>
    private sealed class Heard
    {
        private readonly ConcurrentQueue<string> _items = new();

        public IReadOnlyList<string> Items => [.. _items];

        public void Add(ReadOnlyMemory<byte> envelope) => _items.Enqueue(Encoding.UTF8.GetString(envelope.Span));

        /// <summary>Waits (up to 10 s) until <paramref name="count"/> have been heard, and returns those.</summary>
        public async Task<IReadOnlyList<string>> FirstAsync(int count)
        {
            using var timeout = new CancellationTokenSource(Wait);
            while (_items.Count < count)
            {
                if (timeout.IsCancellationRequested)
                {
                    Assert.Fail($"heard {_items.Count} of {count} within {Wait.TotalSeconds} s: {string.Join(", ", _items)}");
                }

                await Task.Delay(20);
            }

            return [.. _items.Take(count)];
        }
    }
}
