using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Realtime;

/// <summary>
/// The instance relay on the instances' bus (<see cref="IInstanceBus"/>), for both modes. Each instance hears the
/// topic <c>instance:{its id}</c> from the start, and everything addressed to it arrives there: requests, one-way
/// messages, and the replies to its own requests. A request carries the asker's id and a correlation id; the
/// asker waits for the reply with that id on its own topic (the pending map), and forgets it when the time is up,
/// so a reply that comes later is dropped.
/// </summary>
/// <remarks>
/// Order: what one instance asks and tells another is published on its one connection to the receiver's one
/// topic, and Redis pub/sub hands messages from one connection to a subscriber in the order it received them;
/// the bus delivers a topic one message at a time. So the receiver's handlers are called in the order the sender
/// sent, and the relay never waits for a handler's task there (a reply is sent when its task ends): a request
/// that takes long to answer never holds up the messages after it.
/// Addressed to this instance itself (never carried by the bus), a request or message goes straight to the
/// handlers. With one instance (the in-process bus) every other instance is unreachable.
/// </remarks>
public sealed partial class BusInstanceRelay : IInstanceRelay
{
    private const byte AskKind = 1;
    private const byte ReplyKind = 2;
    private const byte FailedKind = 3;
    private const byte TellKind = 4;

    // The kind (1 byte), the correlation id (8, big-endian) and the sender id's length (1); then the sender id
    // (UTF-8) and the caller's bytes.
    private const int HeaderLength = 10;

    // A failed reply's bytes: why, for the asker's exception.
    private static readonly byte[] NotListening = Encoding.UTF8.GetBytes("it does not listen (no handler set)");
    private static readonly byte[] HandlerFailed = Encoding.UTF8.GetBytes("its handler failed");

    private readonly IInstanceBus _bus;
    private readonly ILogger<BusInstanceRelay> _logger;
    private readonly string _topic;
    private readonly byte[] _sender;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<ReadOnlyMemory<byte>>> _pending = new();
    // Handlers are called one at a time: the bus delivers one message at a time, but asks to this instance itself
    // come from any thread.
    private readonly Lock _handlerGate = new();
    private Handlers? _handlers;
    private long _lastCorrelation;

    public BusInstanceRelay(IInstanceBus bus, ILogger<BusInstanceRelay> logger)
    {
        _bus = bus;
        _logger = logger;
        InstanceId = bus.InstanceId;
        _sender = Encoding.UTF8.GetBytes(InstanceId);
        if (_sender.Length > byte.MaxValue)
        {
            throw new ArgumentException($"an instance id is at most {byte.MaxValue} bytes: {InstanceId}", nameof(bus));
        }

        _topic = TopicOf(InstanceId);
        if (bus.ReachesOtherInstances)
        {
            // Heard from the start, so requests find this instance before it ever asks anything; while the bus is down
            // it subscribes when the bus is back.
            Subscribe().ContinueWith(
                failed => LogSubscribeFailed(failed.Exception!.GetBaseException(), _topic),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }
    }

    public string InstanceId { get; }

    public bool ReachesOtherInstances => _bus.ReachesOtherInstances;

    /// <summary>The requests this instance asked and still waits for (none once each has its reply or its timeout).</summary>
    public int PendingAsks => _pending.Count;

    /// <summary>Completes once this instance hears its topic (at once with one instance): requests then reach it.</summary>
    public Task HearingAsync() => _bus.ReachesOtherInstances ? Subscribe() : Task.CompletedTask;

    public Task<ReadOnlyMemory<byte>> AskAsync(string instanceId, ReadOnlyMemory<byte> request, TimeSpan timeout, CancellationToken ct)
    {
        if (instanceId == InstanceId)
        {
            return AskSelfAsync(request.ToArray(), timeout, ct);
        }

        if (!_bus.ReachesOtherInstances)
        {
            return Task.FromException<ReadOnlyMemory<byte>>(new InstanceUnavailableException(instanceId, "this app runs as one instance (no ConnectionStrings:Redis)"));
        }

        if (!_bus.IsConnected)
        {
            return Task.FromException<ReadOnlyMemory<byte>>(new InstanceUnavailableException(instanceId, "the bus between instances (Redis) is unreachable"));
        }

        return AskOtherAsync(instanceId, request, timeout, ct);
    }

    public void Tell(string instanceId, ReadOnlyMemory<byte> message)
    {
        if (instanceId == InstanceId)
        {
            Hear(InstanceId, message.ToArray());
            return;
        }

        // Nobody else to tell with one instance; while the bus is down, it drops what it cannot carry.
        if (_bus.ReachesOtherInstances)
        {
            Send(instanceId, TellKind, correlation: 0, message.Span);
        }
    }

    public void Listen(Func<string, ReadOnlyMemory<byte>, Task<ReadOnlyMemory<byte>>> onAsk, Action<string, ReadOnlyMemory<byte>> onTell)
    {
        if (Interlocked.CompareExchange(ref _handlers, new Handlers(onAsk, onTell), null) is not null)
        {
            throw new InvalidOperationException("the instance relay already has its handlers: one listener per instance");
        }
    }

    private async Task<ReadOnlyMemory<byte>> AskOtherAsync(string instanceId, ReadOnlyMemory<byte> request, TimeSpan timeout, CancellationToken ct)
    {
        var correlation = Interlocked.Increment(ref _lastCorrelation);
        var reply = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlation] = reply;
        try
        {
            return await SendAndWaitAsync().WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new InstanceUnavailableException(instanceId, $"no reply within {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is not (InstanceUnavailableException or OperationCanceledException))
        {
            // Subscribing to this instance's own topic failed: no reply could ever be heard.
            throw new InstanceUnavailableException(instanceId, $"this instance cannot hear replies ({ex.Message})");
        }
        finally
        {
            _pending.TryRemove(correlation, out _);
        }

        async Task<ReadOnlyMemory<byte>> SendAndWaitAsync()
        {
            // Completed at once once subscribed; at start-up, the reply must not come before the subscription does.
            await Subscribe();
            Send(instanceId, AskKind, correlation, request.Span);
            return await reply.Task;
        }
    }

    private async Task<ReadOnlyMemory<byte>> AskSelfAsync(ReadOnlyMemory<byte> request, TimeSpan timeout, CancellationToken ct)
    {
        var answer = Call(InstanceId, request);
        if (answer is null)
        {
            throw new InstanceUnavailableException(InstanceId, Encoding.UTF8.GetString(NotListening));
        }

        try
        {
            return await answer.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new InstanceUnavailableException(InstanceId, $"no reply within {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || answer.IsCanceled)
        {
            LogHandlerFailed(ex, InstanceId);
            throw new InstanceUnavailableException(InstanceId, Encoding.UTF8.GetString(HandlerFailed));
        }
    }

    private Task Subscribe() => _bus.SubscribeAsync(_topic, OnEnvelope);

    private void OnEnvelope(ReadOnlyMemory<byte> envelope)
    {
        var span = envelope.Span;
        if (span.Length < HeaderLength || span.Length < HeaderLength + span[9])
        {
            LogMalformed(envelope.Length);
            return;
        }

        var kind = span[0];
        var correlation = BinaryPrimitives.ReadInt64BigEndian(span[1..9]);
        var from = Encoding.UTF8.GetString(span.Slice(HeaderLength, span[9]));
        // Copied: the handlers may keep it past this call.
        var body = envelope[(HeaderLength + span[9])..].ToArray();
        switch (kind)
        {
            case AskKind:
                Answer(from, correlation, body);
                break;
            case TellKind:
                Hear(from, body);
                break;
            case ReplyKind or FailedKind when _pending.TryRemove(correlation, out var waiting):
                if (kind == ReplyKind)
                {
                    waiting.TrySetResult(body);
                }
                else
                {
                    waiting.TrySetException(new InstanceUnavailableException(from, Encoding.UTF8.GetString(body)));
                }

                break;
            case ReplyKind or FailedKind:
                LogLateReply(from, correlation);
                break;
            default:
                LogMalformed(envelope.Length);
                break;
        }
    }

    /// <summary>Calls the ask handler now (in arrival order) and replies when its task ends, without waiting for it.</summary>
    private void Answer(string from, long correlation, ReadOnlyMemory<byte> request)
    {
        var answer = Call(from, request);
        if (answer is null)
        {
            LogNotListening(from);
            Send(from, FailedKind, correlation, NotListening);
        }
        else if (answer.IsCompleted)
        {
            Reply(from, correlation, answer);
        }
        else
        {
            answer.ContinueWith(done => Reply(from, correlation, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Reply(string to, long correlation, Task<ReadOnlyMemory<byte>> answer)
    {
        if (answer.IsCompletedSuccessfully)
        {
            Send(to, ReplyKind, correlation, answer.Result.Span);
            return;
        }

        // The game layer encodes its refusals in the reply: a handler that fails is a bug.
        LogHandlerFailed(answer.Exception?.GetBaseException() ?? new OperationCanceledException("the handler's task was cancelled"), to);
        Send(to, FailedKind, correlation, HandlerFailed);
    }

    /// <summary>The ask handler's task (a failed one when it threw), or null when nobody listens.</summary>
    private Task<ReadOnlyMemory<byte>>? Call(string from, ReadOnlyMemory<byte> request)
    {
        var handlers = Volatile.Read(ref _handlers);
        if (handlers is null)
        {
            return null;
        }

        try
        {
            lock (_handlerGate)
            {
                return handlers.OnAsk(from, request);
            }
        }
        catch (Exception ex)
        {
            return Task.FromException<ReadOnlyMemory<byte>>(ex);
        }
    }

    private void Hear(string from, ReadOnlyMemory<byte> message)
    {
        var handlers = Volatile.Read(ref _handlers);
        if (handlers is null)
        {
            LogNotListening(from);
            return;
        }

        try
        {
            lock (_handlerGate)
            {
                handlers.OnTell(from, message);
            }
        }
        catch (Exception ex)
        {
            LogTellFailed(ex, from);
        }
    }

    private void Send(string to, byte kind, long correlation, ReadOnlySpan<byte> body)
    {
        var frame = new byte[HeaderLength + _sender.Length + body.Length];
        frame[0] = kind;
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(1, 8), correlation);
        frame[9] = (byte)_sender.Length;
        _sender.CopyTo(frame, HeaderLength);
        body.CopyTo(frame.AsSpan(HeaderLength + _sender.Length));
        _bus.Publish(TopicOf(to), frame);
    }

    private static string TopicOf(string instanceId) => $"instance:{instanceId}";

    [LoggerMessage(Level = LogLevel.Error, Message = "The relay's handler failed on a request from instance {From}; the asker gets 'instance unavailable'")]
    private partial void LogHandlerFailed(Exception exception, string from);

    [LoggerMessage(Level = LogLevel.Error, Message = "The relay's handler failed on a message from instance {From}; the message is lost")]
    private partial void LogTellFailed(Exception exception, string from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request or message from instance {From} came before this instance listens; dropped (a request fails at once)")]
    private partial void LogNotListening(string from);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The reply of instance {From} to request {Correlation} came after its timeout; dropped")]
    private partial void LogLateReply(string from, long correlation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An envelope of {Length} bytes on the relay's topic is not a relay message; dropped")]
    private partial void LogMalformed(int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to {Topic} failed; the bus subscribes again when Redis is back, and each request tries again")]
    private partial void LogSubscribeFailed(Exception exception, string topic);

    private sealed record Handlers(Func<string, ReadOnlyMemory<byte>, Task<ReadOnlyMemory<byte>>> OnAsk, Action<string, ReadOnlyMemory<byte>> OnTell);
}
