using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Common.Realtime;

/// <summary>
/// The per-request queue behind <see cref="IRealtimeNotifier"/>; flushed by <see cref="Behaviours.RealtimeDispatchBehaviour{TMessage,TResponse}"/>.
/// The transport hands each event to the connections' outgoing queues and returns (it never waits for a
/// socket); a delivery that fails is logged and the rest still go: the change is stored, and what a client
/// missed is in the history it reads on reconnecting.
/// </summary>
public sealed partial class RealtimeOutbox(IRealtimeTransport transport, ILogger<RealtimeOutbox>? logger = null) : IRealtimeNotifier
{
    private readonly ILogger _logger = logger ?? NullLogger<RealtimeOutbox>.Instance;

    private readonly List<Func<CancellationToken, Task>> _pending = [];

    public void ToUser(Guid userId, string eventName, object payload) =>
        _pending.Add(ct => transport.ToUsersAsync([userId], eventName, payload, ct));

    public void ToUsers(IReadOnlyCollection<Guid> userIds, string eventName, object payload)
    {
        if (userIds.Count > 0)
        {
            IReadOnlyCollection<Guid> copy = [.. userIds];
            _pending.Add(ct => transport.ToUsersAsync(copy, eventName, payload, ct));
        }
    }

    public void ToChannel(Guid channelId, string eventName, object payload, IReadOnlyCollection<Guid>? exceptUserIds = null)
    {
        IReadOnlyCollection<Guid> except = exceptUserIds is null ? [] : [.. exceptUserIds];
        _pending.Add(ct => transport.ToChannelAsync(channelId, eventName, payload, except, ct));
    }

    public void JoinChannel(Guid userId, Guid channelId) =>
        _pending.Add(ct => transport.JoinChannelAsync(userId, channelId, ct));

    public void LeaveChannel(Guid userId, Guid channelId) =>
        _pending.Add(ct => transport.LeaveChannelAsync(userId, channelId, ct));

    public void JoinChannels(string connectionId, IReadOnlyCollection<Guid> channelIds)
    {
        IReadOnlyCollection<Guid> copy = [.. channelIds];
        _pending.Add(ct => transport.JoinChannelsAsync(connectionId, copy, ct));
    }

    public void Defer(Func<CancellationToken, Task> delivery) => _pending.Add(delivery);

    /// <summary>Delivers everything queued, in order, and empties the queue.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = _pending.ToArray();
        _pending.Clear();
        foreach (var delivery in batch)
        {
            try
            {
                await delivery(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDeliveryFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering a realtime event failed; the change it announces is stored")]
    private partial void LogDeliveryFailed(Exception exception);

    /// <summary>Forgets everything queued (the command failed).</summary>
    public void Discard() => _pending.Clear();
}
