namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Requests and one-way messages from this instance to one other instance, by its id (the game server asks a
/// room's owner to seat a player, and tells it a paddle input). Built on the instances' bus
/// (<see cref="IInstanceBus"/>): each instance hears its own topic. What one instance asks or tells another
/// arrives there in the order it was sent (one publishing connection, one ordered subscription), and the handlers
/// are called in that order. The bytes are the caller's: the relay neither reads nor changes them, and a refusal
/// the receiver wants the caller to see is encoded in the reply's bytes, never thrown.
/// With one instance (no Redis) it reaches only itself.
/// </summary>
public interface IInstanceRelay
{
    /// <summary>This instance's id, as other instances address it.</summary>
    string InstanceId { get; }

    /// <summary>False when there are no other instances (one process): only <see cref="InstanceId"/> is reachable.</summary>
    bool ReachesOtherInstances { get; }

    /// <summary>
    /// Sends <paramref name="request"/> to the instance <paramref name="instanceId"/> and returns its handler's reply.
    /// Throws <see cref="InstanceUnavailableException"/> when no reply came within <paramref name="timeout"/>, when
    /// the bus is down (at once), when the instance cannot be reached at all, or when its handler failed.
    /// <paramref name="ct"/> cancels the wait (an <see cref="OperationCanceledException"/>).
    /// </summary>
    Task<ReadOnlyMemory<byte>> AskAsync(string instanceId, ReadOnlyMemory<byte> request, TimeSpan timeout, CancellationToken ct);

    /// <summary>Sends <paramref name="message"/> one way, never waiting; dropped while the bus is down.</summary>
    void Tell(string instanceId, ReadOnlyMemory<byte> message);

    /// <summary>
    /// Sets this instance's one pair of handlers (the game server, at start): <paramref name="onAsk"/> answers
    /// requests (the sender's id, the request's bytes), <paramref name="onTell"/> hears one-way messages. Both are
    /// called one at a time in arrival order and must not block: the relay does not wait for
    /// <paramref name="onAsk"/>'s task before calling the next handler, it sends the reply when the task ends.
    /// What arrives before a handler is set is dropped (an ask then fails at the sender at once).
    /// </summary>
    void Listen(Func<string, ReadOnlyMemory<byte>, Task<ReadOnlyMemory<byte>>> onAsk, Action<string, ReadOnlyMemory<byte>> onTell);
}
