namespace Transcendence.Application.Common;

/// <summary>
/// Thrown by <see cref="Ports.IInstanceRelay.AskAsync"/> when the instance asked did not answer: no reply within
/// the timeout (it died, or it is stuck), the bus between instances is down, the instance cannot be reached at
/// all, or its handler failed. The request may or may not have been acted on.
/// </summary>
public sealed class InstanceUnavailableException(string instanceId, string reason)
    : Exception($"instance {instanceId} did not answer: {reason}")
{
    /// <summary>The instance that was asked.</summary>
    public string InstanceId { get; } = instanceId;
}
