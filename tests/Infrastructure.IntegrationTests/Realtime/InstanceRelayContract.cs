using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Transcendence.Application.Common;
using Transcendence.Infrastructure.IntegrationTests.ScaleOut;
using Transcendence.Infrastructure.Realtime;

namespace Transcendence.Infrastructure.IntegrationTests.Realtime;

/// <summary>
/// What every instance relay promises, against both modes. With one instance (in-process) the asker asks itself,
/// the only instance there is; on Redis two relays with different instance ids stand for two instances.
/// </summary>
[TestFixture("InProcess")]
[TestFixture("Redis")]
public sealed class InstanceRelayContract(string twin)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private RedisInstances? _redis;

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        if (twin == "Redis")
        {
            _redis = await RedisInstances.StartAsync();
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

    [Test]
    public async Task An_ask_gets_the_reply_of_the_target_s_handler_which_hears_who_asked()
    {
        var (asker, target, _) = await TwoAsync();
        target.Listen((from, request) => Task.FromResult<ReadOnlyMemory<byte>>(Bytes($"{from} asked {Text(request)}")), (_, _) => { });

        var reply = await asker.AskAsync(target.InstanceId, Bytes("ping"), Patience, CancellationToken.None);

        Text(reply).ShouldBe($"{asker.InstanceId} asked ping");
        asker.PendingAsks.ShouldBe(0);
    }

    [Test]
    public async Task Tells_and_asks_from_one_instance_reach_the_other_s_handlers_in_the_order_sent()
    {
        var (asker, target, _) = await TwoAsync();
        var heard = new ConcurrentQueue<string>();
        target.Listen(
            (_, request) =>
            {
                heard.Enqueue(Text(request));
                return Task.FromResult<ReadOnlyMemory<byte>>(Bytes($"{heard.Count}"));
            },
            (_, message) => heard.Enqueue(Text(message)));

        for (var n = 0; n < 500; n++)
        {
            asker.Tell(target.InstanceId, Bytes($"tell {n}"));
        }

        var middle = asker.AskAsync(target.InstanceId, Bytes("ask"), Patience, CancellationToken.None);
        for (var n = 500; n < 1000; n++)
        {
            asker.Tell(target.InstanceId, Bytes($"tell {n}"));
        }

        // Heard after the first 500 tells and before the next: the reply counts what was heard up to it.
        Text(await middle).ShouldBe("501");
        var last = await asker.AskAsync(target.InstanceId, Bytes("last"), Patience, CancellationToken.None);
        Text(last).ShouldBe("1002");
        heard.ShouldBe([.. Enumerable.Range(0, 500).Select(n => $"tell {n}"), "ask", .. Enumerable.Range(500, 500).Select(n => $"tell {n}"), "last"]);
    }

    [Test]
    public async Task A_request_still_being_answered_does_not_hold_up_the_ones_after_it()
    {
        var (asker, target, _) = await TwoAsync();
        var slow = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        target.Listen(
            (_, request) => Text(request) == "slow" ? slow.Task : Task.FromResult<ReadOnlyMemory<byte>>(Bytes("fast reply")),
            (_, _) => { });

        var first = asker.AskAsync(target.InstanceId, Bytes("slow"), Patience, CancellationToken.None);
        var second = await asker.AskAsync(target.InstanceId, Bytes("fast"), Patience, CancellationToken.None);

        Text(second).ShouldBe("fast reply");
        first.IsCompleted.ShouldBeFalse();
        slow.SetResult(Bytes("slow reply"));
        Text(await first).ShouldBe("slow reply");
    }

    [Test]
    public async Task A_handler_that_throws_fails_the_ask_as_unavailable_logs_it_and_the_next_ask_works()
    {
        var (asker, target, targetLog) = await TwoAsync();
        target.Listen(
            (_, request) => Text(request) == "boom" ? throw new InvalidOperationException("a bug") : Task.FromResult<ReadOnlyMemory<byte>>(Bytes("fine")),
            (_, _) => { });

        var failure = await Should.ThrowAsync<InstanceUnavailableException>(() => asker.AskAsync(target.InstanceId, Bytes("boom"), Patience, CancellationToken.None));

        failure.InstanceId.ShouldBe(target.InstanceId);
        failure.Message.ShouldContain("handler failed");
        targetLog.Collector.GetSnapshot().ShouldContain(entry => entry.Level == LogLevel.Error && entry.Exception is InvalidOperationException);
        Text(await asker.AskAsync(target.InstanceId, Bytes("again"), Patience, CancellationToken.None)).ShouldBe("fine");
        asker.PendingAsks.ShouldBe(0);
    }

    [Test]
    public async Task An_instance_that_does_not_listen_fails_an_ask_without_waiting_for_the_timeout()
    {
        var (asker, target, _) = await TwoAsync();

        var failure = await Should.ThrowAsync<InstanceUnavailableException>(
            () => asker.AskAsync(target.InstanceId, Bytes("anyone?"), Patience, CancellationToken.None));

        // Not "no reply within": the target said at once that nobody listens.
        failure.Message.ShouldContain("does not listen");
        asker.PendingAsks.ShouldBe(0);
    }

    [Test]
    public async Task Listening_twice_is_refused()
    {
        var (_, target, _) = await TwoAsync();
        target.Listen((_, request) => Task.FromResult(request), (_, _) => { });

        Should.Throw<InvalidOperationException>(() => target.Listen((_, request) => Task.FromResult(request), (_, _) => { }));
    }

    [Test]
    public async Task Cancelling_an_ask_stops_the_wait_and_forgets_it()
    {
        var (asker, target, _) = await TwoAsync();
        var never = new TaskCompletionSource<ReadOnlyMemory<byte>>();
        target.Listen((_, _) => never.Task, (_, _) => { });
        using var cancel = new CancellationTokenSource();

        var ask = asker.AskAsync(target.InstanceId, Bytes("wait"), TimeSpan.FromDays(1), cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => ask);
        asker.PendingAsks.ShouldBe(0);
    }

    /// <summary>The asker and the target (the same relay with one instance), and the target's log.</summary>
    private async Task<(BusInstanceRelay Asker, BusInstanceRelay Target, FakeLogger<BusInstanceRelay> TargetLog)> TwoAsync()
    {
        if (_redis is null)
        {
            var log = new FakeLogger<BusInstanceRelay>();
            var only = new BusInstanceRelay(new InProcessInstanceBus(), log);
            return (only, only, log);
        }

        var asker = await _redis.RelayAsync();
        var target = await _redis.RelayAsync();
        return (asker.Relay, target.Relay, target.Log);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
