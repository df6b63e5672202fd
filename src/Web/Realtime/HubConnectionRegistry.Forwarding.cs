using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Transcendence.Web.Realtime;

/// <summary>
/// The registry's cross-instance leg: what it publishes for the other instances and how it delivers what they
/// publish (see the class summary in HubConnectionRegistry.cs).
/// </summary>
public sealed partial class HubConnectionRegistry<THub>
    where THub : Hub
{
    private void Forward(string topic, SerializedHubMessage message, IReadOnlyList<string>? exceptConnections, IReadOnlyCollection<string>? exceptUsers)
    {
        if (_forwarding)
        {
            _bus.Publish(topic, BackplaneEnvelope.Send(Bytes(message), exceptConnections, exceptUsers));
        }
    }

    private ReadOnlyMemory<byte> Bytes(SerializedHubMessage message) => message.GetSerializedMessage(_protocol);

    /// <summary>A message another instance serialized: written as it came, never serialized again.</summary>
    private SerializedHubMessage FromOtherInstance(ReadOnlyMemory<byte> bytes) => new([new SerializedMessage(_protocol.Name, bytes)]);

    private void OnGroupEnvelope(string groupName, ReadOnlyMemory<byte> bytes)
    {
        var envelope = BackplaneEnvelope.Read(bytes);
        switch (envelope.Kind)
        {
            case BackplaneEnvelope.Kinds.Send:
                SerializedHubMessage? message = FromOtherInstance(envelope.Message);
                var exceptUsers = envelope.ExceptUsers?.ToHashSet(StringComparer.Ordinal);
                // Already serialized: the method name and arguments are never needed.
                SendToGroup(groupName, string.Empty, [], envelope.ExceptConnections, exceptUsers, ref message);
                break;
            case BackplaneEnvelope.Kinds.LeaveGroup:
                RemoveUserLocally(envelope.User!, groupName);
                break;
        }
    }

    private void OnUserEnvelope(string user, ReadOnlyMemory<byte> bytes)
    {
        var envelope = BackplaneEnvelope.Read(bytes);
        switch (envelope.Kind)
        {
            case BackplaneEnvelope.Kinds.Send:
                var message = FromOtherInstance(envelope.Message);
                foreach (var outgoing in _byUser.GetValueOrDefault(user, []))
                {
                    outgoing.Send(message);
                }

                break;
            case BackplaneEnvelope.Kinds.JoinGroup:
                foreach (var outgoing in _byUser.GetValueOrDefault(user, []))
                {
                    // Joins here complete at once; the group's subscription is confirmed in the background.
                    Watch(AddToGroupAsync(outgoing.ConnectionId, envelope.Group!));
                }

                break;
        }
    }

    private void OnAllEnvelope(ReadOnlyMemory<byte> bytes)
    {
        var envelope = BackplaneEnvelope.Read(bytes);
        if (envelope.Kind == BackplaneEnvelope.Kinds.Send)
        {
            SendAllLocally(FromOtherInstance(envelope.Message), envelope.ExceptConnections);
        }
    }

    /// <summary>
    /// Waits for a new subscription while the bus is up, so what is sent to the connection's user or group from
    /// now on reaches it from every instance; while the bus is down, nothing waits (the subscription is made
    /// when it is back).
    /// </summary>
    private async Task SubscribedAsync(Task? subscribed)
    {
        if (subscribed is null || subscribed.IsCompletedSuccessfully)
        {
            return;
        }

        if (!_bus.IsConnected)
        {
            Watch(subscribed);
            return;
        }

        try
        {
            await subscribed;
        }
        catch (Exception ex)
        {
            LogSubscribeFailure(ex, Hub);
        }
    }

    private void Watch(Task task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.ContinueWith(
                static (t, state) => ((HubConnectionRegistry<THub>)state!).LogSubscribeFailure(t.Exception!, ((HubConnectionRegistry<THub>)state!).Hub),
                this,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }
}
