using System.ComponentModel.DataAnnotations;

namespace Transcendence.Web.Realtime;

/// <summary>
/// The bound on what waits to be written to one hub connection (<c>Hubs:Outgoing</c>). What SignalR's and the
/// socket's own buffers hold comes first; beyond them a connection queues at most this many messages and bytes.
/// A connection over either is closed with <c>slow_consumer</c>: it reconnects and reads history.
/// </summary>
public sealed class OutgoingOptions
{
    public const string Section = "Hubs:Outgoing";

    /// <summary>Messages waiting for one connection, beyond the one being written.</summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedMessages { get; set; } = 1000;

    /// <summary>Bytes (as serialized for the connection's protocol) waiting for one connection.</summary>
    [Range(1024, 1L << 30)]
    public long MaxQueuedBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long one write to the socket may make no progress before the connection is dropped without a word
    /// (SignalR's <c>TransportSendTimeout</c>): the backstop for a reader that stalls while little is sent to it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
