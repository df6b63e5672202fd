using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Realtime;

/// <summary>One instance, nobody else to tell: publishing carries nothing and no envelope ever arrives.</summary>
public sealed class InProcessInstanceBus : IInstanceBus
{
    /// <summary>The one instance's id when there is no other to tell it from.</summary>
    public const string LocalInstanceId = "local";

    public string InstanceId => LocalInstanceId;

    public bool ReachesOtherInstances => false;

    public bool IsConnected => true;

    public void Publish(string topic, ReadOnlyMemory<byte> envelope)
    {
    }

    public Task SubscribeAsync(string topic, Action<ReadOnlyMemory<byte>> onEnvelope) => Task.CompletedTask;

    public Task UnsubscribeAsync(string topic) => Task.CompletedTask;
}
