using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Transcendence.Application.Common;
using Transcendence.Infrastructure.IntegrationTests.ScaleOut;
using Transcendence.Infrastructure.Realtime;
using Transcendence.Infrastructure.ScaleOut;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Realtime;

/// <summary>The instance relay between instances on one real Redis: many asks at once, instances that are gone, Redis down.</summary>
public sealed class RedisInstanceRelayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_thousand_asks_in_flight_from_both_sides_are_each_answered_to_their_caller()
    {
        await using var instances = await RedisInstances.StartAsync();
        var one = await instances.RelayAsync("one");
        var other = await instances.RelayAsync("other");
        one.Relay.Listen(Echo("one"), (_, _) => { });
        other.Relay.Listen(Echo("other"), (_, _) => { });

        var asks = Enumerable.Range(0, 1000)
            .SelectMany(n => new[] { (Asker: one, Target: other, N: n), (Asker: other, Target: one, N: n) })
            .Select(async ask => (ask, Reply: Text(await ask.Asker.Relay.AskAsync(ask.Target.Relay.InstanceId, Bytes($"{ask.N}"), Patience, CancellationToken.None))))
            .ToList();
        var answered = await Task.WhenAll(asks);

        answered.ShouldAllBe(a => a.Reply == $"{a.ask.Target.Relay.InstanceId} answers {a.ask.Asker.Relay.InstanceId}: {a.ask.N}");
        one.Relay.PendingAsks.ShouldBe(0);
        other.Relay.PendingAsks.ShouldBe(0);
    }

    [Test]
    public async Task An_ask_to_an_instance_that_is_gone_fails_as_unavailable_by_its_timeout_and_is_forgotten()
    {
        await using var instances = await RedisInstances.StartAsync();
        var (asker, target) = await AskerAndEchoingTargetAsync(instances);

        target.ScaleOut.Dispose();
        var failures = await Task.WhenAll(Enumerable.Range(0, 50).Select(n =>
            Should.ThrowAsync<InstanceUnavailableException>(() => asker.Relay.AskAsync("target", Bytes($"{n}"), TimeSpan.FromMilliseconds(300), CancellationToken.None))));

        failures.ShouldAllBe(failure => failure.InstanceId == "target" && failure.Message.Contains("no reply within"));
        asker.Relay.PendingAsks.ShouldBe(0);
    }

    [Test]
    public async Task A_reply_that_comes_after_the_timeout_is_dropped_quietly()
    {
        await using var instances = await RedisInstances.StartAsync();
        var asker = await instances.RelayAsync("asker");
        var target = await instances.RelayAsync("target");
        var late = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        target.Relay.Listen((from, request) => Text(request) == "late" ? late.Task : Echo("target")(from, request), (_, _) => { });

        await Should.ThrowAsync<InstanceUnavailableException>(() => asker.Relay.AskAsync("target", Bytes("late"), TimeSpan.FromMilliseconds(200), CancellationToken.None));
        asker.Relay.PendingAsks.ShouldBe(0);
        late.SetResult(Bytes("too late"));

        await Eventually.HoldsAsync(
            () => asker.Log.Collector.GetSnapshot().Any(entry => entry.Message.Contains("came after its timeout")),
            "the asker hears the late reply and drops it");
        asker.Log.Collector.GetSnapshot().ShouldAllBe(entry => entry.Level < LogLevel.Warning);
        Text(await asker.Relay.AskAsync("target", Bytes("on time"), Patience, CancellationToken.None)).ShouldBe("target answers asker: on time");
        asker.Relay.PendingAsks.ShouldBe(0);
    }

    [Test]
    public async Task While_Redis_is_down_asks_fail_at_once_and_when_it_is_back_they_work_again()
    {
        await using var instances = await RedisInstances.StartAsync();
        var (asker, _) = await AskerAndEchoingTargetAsync(instances);

        await instances.Server.StopAsync();
        await Eventually.HoldsAsync(() => !asker.ScaleOut.Redis.IsConnected, "the asker sees Redis gone");
        var whileDown = asker.Relay.AskAsync("target", Bytes("during"), TimeSpan.FromDays(1), CancellationToken.None);
        asker.Relay.Tell("target", Bytes("dropped, never thrown"));

        // Failed before AskAsync returned: nothing waits for a timeout while the bus is down.
        whileDown.IsFaulted.ShouldBeTrue();
        (await Should.ThrowAsync<InstanceUnavailableException>(() => whileDown)).Message.ShouldContain("unreachable");
        asker.Relay.PendingAsks.ShouldBe(0);

        await instances.Server.RestartAsync();
        var reply = await Eventually.ReadAsync(
            async () =>
            {
                try
                {
                    return Text(await asker.Relay.AskAsync("target", Bytes("after"), TimeSpan.FromSeconds(1), CancellationToken.None));
                }
                catch (InstanceUnavailableException failure)
                {
                    return failure.Message;
                }
            },
            text => text.StartsWith("target answers", StringComparison.Ordinal),
            "asks between the instances work again once Redis is back");
        reply.ShouldBe("target answers asker: after");
    }

    /// <summary>Instances "asker" and "target", which echoes, and one ask answered between them.</summary>
    private static async Task<(RelayInstance Asker, RelayInstance Target)> AskerAndEchoingTargetAsync(RedisInstances instances)
    {
        var asker = await instances.RelayAsync("asker");
        var target = await instances.RelayAsync("target");
        target.Relay.Listen(Echo("target"), (_, _) => { });
        Text(await asker.Relay.AskAsync("target", Bytes("alive?"), Patience, CancellationToken.None)).ShouldBe("target answers asker: alive?");
        return (asker, target);
    }

    /// <summary>A handler answering "{me} answers {asker}: {request}".</summary>
    private static Func<string, ReadOnlyMemory<byte>, Task<ReadOnlyMemory<byte>>> Echo(string me) =>
        (from, request) => Task.FromResult<ReadOnlyMemory<byte>>(Bytes($"{me} answers {from}: {Text(request)}"));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}

/// <summary>An app instance's relay for tests: its own Redis connection (as a separate process has), bus and log.</summary>
internal sealed record RelayInstance(BusInstanceRelay Relay, FakeLogger<BusInstanceRelay> Log, RedisScaleOut ScaleOut);

/// <summary>Relay instances on a fixture's Redis.</summary>
internal static class RelayKit
{
    /// <summary>One more instance with its own connection, hearing its topic when this returns (a unique id when none is given).</summary>
    public static async Task<RelayInstance> RelayAsync(this RedisInstances instances, string? instanceId = null)
    {
        var scaleOut = instances.Connect(instanceId: instanceId ?? $"relay-{Guid.NewGuid():N}");
        await RedisKit.UntilConnectedAsync(scaleOut);
        // Its connection is the instance's: closed with it (the bus only listens to the connection's events).
        var log = new FakeLogger<BusInstanceRelay>();
        var relay = new BusInstanceRelay(new RedisInstanceBus(scaleOut, NullLogger<RedisInstanceBus>.Instance), log);
        await relay.HearingAsync();
        return new RelayInstance(relay, log, scaleOut);
    }
}
