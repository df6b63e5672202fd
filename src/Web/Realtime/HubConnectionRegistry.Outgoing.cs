using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Transcendence.Web.Realtime;

public sealed partial class HubConnectionRegistry<THub>
    where THub : Hub
{
    /// <summary>
    /// One connection's outgoing side: while nothing waits, a message is written straight to SignalR; once a
    /// write is pending (the socket is not taking bytes), later messages queue behind it and one background
    /// loop writes them in order.
    /// </summary>
    private sealed class Outgoing(HubConnectionRegistry<THub> registry, string connectionId, string? userId, Guid? sessionId)
    {
        private readonly Lock _gate = new();
        private Queue<(SerializedHubMessage Message, int Bytes)>? _queue;
        private long _queuedBytes;
        private bool _writing;
        private bool _closed;
        private HashSet<string>? _groups;

        public string ConnectionId { get; } = connectionId;

        public string? UserId { get; } = userId;

        public Guid? SessionId { get; } = sessionId;

        /// <summary>SignalR's side of the connection, from its handshake on; sends wait for it.</summary>
        public HubConnectionContext? Connection { get; private set; }

        /// <summary>The connection while it is attached and not closed.</summary>
        public HubConnectionContext? OpenConnection
        {
            get
            {
                lock (_gate)
                {
                    return _closed ? null : Connection;
                }
            }
        }

        public bool IsClosed
        {
            get
            {
                lock (_gate)
                {
                    return _closed;
                }
            }
        }

        public void Attach(HubConnectionContext connection)
        {
            lock (_gate)
            {
                Connection = connection;
            }
        }

        /// <summary>Counted against the per-user cap (see <see cref="TryAdmit"/>); under <see cref="ConnectedUsers.Gate"/>.</summary>
        public bool Admitted { get; set; }

        /// <summary>The subscription to its user's topic this connection's arrival started (several instances).</summary>
        public Task? Subscribed { get; set; }

        public bool JoinGroup(string group)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return false;
                }

                (_groups ??= new HashSet<string>(StringComparer.Ordinal)).Add(group);
                return true;
            }
        }

        public void LeaveGroup(string group)
        {
            lock (_gate)
            {
                _groups?.Remove(group);
            }
        }

        public HashSet<string>? TakeGroups()
        {
            lock (_gate)
            {
                var groups = _groups;
                _groups = null;
                return groups;
            }
        }

        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
                _queue = null;
                _queuedBytes = 0;
            }
        }

        public void Send(SerializedHubMessage message)
        {
            lock (_gate)
            {
                if (_closed || Connection is null)
                {
                    return;
                }

                if (_writing)
                {
                    Enqueue(message);
                    return;
                }

                _writing = true;
            }

            Write(message);
        }

        private void Enqueue(SerializedHubMessage message)
        {
            var bytes = message.GetSerializedMessage(Connection!.Protocol).Length;
            var options = registry._options.Value;
            var queue = _queue ??= new Queue<(SerializedHubMessage, int)>();
            if (queue.Count + 1 > options.MaxQueuedMessages || _queuedBytes + bytes > options.MaxQueuedBytes)
            {
                var (count, total) = (queue.Count + 1, _queuedBytes + bytes);
                _closed = true;
                _queue = null;
                _queuedBytes = 0;
                // Off the caller's path and outside the lock: closing runs SignalR's abort.
                ThreadPool.UnsafeQueueUserWorkItem(
                    state => state.registry.CloseSlowConsumer(state.self, state.count, state.total),
                    (registry, self: this, count, total),
                    preferLocal: false);
                return;
            }

            queue.Enqueue((message, bytes));
            _queuedBytes += bytes;
        }

        /// <summary>Writes <paramref name="message"/> and whatever queues meanwhile, as the connection's one writer.</summary>
        private void Write(SerializedHubMessage message)
        {
            while (true)
            {
                ValueTask write;
                try
                {
                    write = Connection!.WriteAsync(message);
                }
                catch (Exception ex)
                {
                    registry.LogWriteFailed(ex, ConnectionId);
                    write = ValueTask.CompletedTask;
                }

                if (!write.IsCompletedSuccessfully)
                {
                    _ = DrainAsync(write);
                    return;
                }

                write.GetAwaiter().GetResult();
                if (!TryDequeue(out message))
                {
                    return;
                }
            }
        }

        private async Task DrainAsync(ValueTask pending)
        {
            try
            {
                await pending;
            }
            catch (Exception ex)
            {
                registry.LogWriteFailed(ex, ConnectionId);
            }

            if (TryDequeue(out var next))
            {
                Write(next);
            }
        }

        /// <summary>The next queued message; false (and no longer the writer) when none is left.</summary>
        private bool TryDequeue(out SerializedHubMessage message)
        {
            lock (_gate)
            {
                if (!_closed && _queue is { Count: > 0 } queue)
                {
                    var (next, bytes) = queue.Dequeue();
                    _queuedBytes -= bytes;
                    if (queue.Count == 0)
                    {
                        // An idle connection keeps no queue.
                        _queue = null;
                    }

                    message = next;
                    return true;
                }

                _writing = false;
                message = null!;
                return false;
            }
        }
    }
}
