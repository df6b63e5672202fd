using System.Diagnostics.Metrics;

namespace Transcendence.Web.Realtime;

/// <summary>
/// The <c>Transcendence.Chat</c> meter: <c>transcendence.chat.deliveries</c> counts the events handed to SignalR
/// on the chat hub, tagged with the event name and the target (<c>user</c>, <c>users</c>, <c>channel</c>); one
/// per send, however many connections it fans out to.
/// </summary>
public sealed class ChatDeliveryMetrics
{
    public const string MeterName = "Transcendence.Chat";

    private readonly Counter<long> _deliveries;

    public ChatDeliveryMetrics(IMeterFactory meters) =>
        _deliveries = meters.Create(MeterName).CreateCounter<long>(
            "transcendence.chat.deliveries", "{event}", "Chat hub events handed to SignalR, by event and target");

    public void Delivered(string eventName, string target) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("transcendence.event", eventName), new KeyValuePair<string, object?>("transcendence.target", target));
}
