namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Carries realtime envelopes between the app's instances, by topic (a hub group, a user, logins). An
/// instance subscribes to a topic while it holds something the topic is about (a member of the group, a
/// connection of the user) and hears what OTHER instances publish to it, in the order each of them
/// published; its own envelopes never come back to it. Publishing never waits: what cannot be carried
/// (the bus is down) is dropped, and each instance keeps delivering to its own connections meanwhile.
/// The in-process twin has nobody to carry anything to; the Redis one uses pub/sub.
/// </summary>
public interface IInstanceBus
{
    /// <summary>This instance's id, the same on every port that names it (scale-out: <c>ScaleOut:InstanceId</c>).</summary>
    string InstanceId { get; }

    /// <summary>False when there are no other instances to reach: callers skip building envelopes altogether.</summary>
    bool ReachesOtherInstances { get; }

    /// <summary>True while envelopes can be carried (subscriptions are live).</summary>
    bool IsConnected { get; }

    /// <summary>Hands the envelope to the other instances subscribed to <paramref name="topic"/>, without waiting.</summary>
    void Publish(string topic, ReadOnlyMemory<byte> envelope);

    /// <summary>
    /// From now on, <paramref name="onEnvelope"/> hears the envelopes other instances publish to the topic, one
    /// at a time in their order (it must not block). Subscribing to a topic already subscribed does nothing.
    /// Calls take effect in the order they are made; the task completes when the bus confirmed it (it
    /// completes at once, or faults, while the bus is down; the subscription is then made when it is back).
    /// </summary>
    Task SubscribeAsync(string topic, Action<ReadOnlyMemory<byte>> onEnvelope);

    /// <summary>Stops hearing the topic (nothing when not subscribed).</summary>
    Task UnsubscribeAsync(string topic);
}
