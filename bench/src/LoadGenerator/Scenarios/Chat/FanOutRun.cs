using System.Diagnostics;
using Transcendence.LoadGenerator.Measurement;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>
/// The book-keeping of one fan-out run: every message's send time (its intended time at a fixed rate,
/// so a stalled server cannot hide its own backlog), how many members got it, and the latency of every
/// delivery sent inside the measurement window. Message texts are <c>run:seq</c>; anything else (a late
/// delivery from an earlier run) is ignored.
/// </summary>
public sealed class FanOutRun
{
    private readonly int _runId;
    private readonly int _members;
    private readonly long[] _sentAt;
    private readonly int[] _received;
    private int _next = -1;
    private long _delivered;
    private long _completed;
    private long _failed;

    public FanOutRun(int runId, int members, int capacity, int? window)
    {
        _runId = runId;
        _members = members;
        _sentAt = new long[capacity];
        _received = new int[capacity];
        Window = window is { } w ? new SemaphoreSlim(w, w) : null;
    }

    /// <summary>Messages not yet delivered to every member that may be outstanding (saturation runs).</summary>
    public SemaphoreSlim? Window { get; }

    public LatencyRecorder Latency { get; } = new();

    /// <summary>Deliveries of messages sent from here on (a timestamp) count in <see cref="Latency"/>…</summary>
    public long MeasureFrom { get; set; } = long.MinValue;

    /// <summary>…until here.</summary>
    public long MeasureTo { get; set; } = long.MaxValue;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public int Sent => Math.Min(Volatile.Read(ref _next) + 1, _sentAt.Length);

    /// <summary>Takes the next sequence number for a message sent (or due) at <paramref name="timestamp"/>; -1 when full.</summary>
    public int Next(long timestamp)
    {
        var seq = Interlocked.Increment(ref _next);
        if (seq >= _sentAt.Length)
        {
            return -1;
        }

        Volatile.Write(ref _sentAt[seq], timestamp);
        return seq;
    }

    /// <summary>Appended to every message's text after a space (bigger messages); the receivers read only the leading <c>run:seq</c>.</summary>
    public string Padding { get; init; } = "";

    public string Text(int seq) => Padding.Length == 0 ? $"{_runId}:{seq}" : $"{_runId}:{seq} {Padding}";

    public string ClientMessageId(int seq) => $"{_runId}-{seq}";

    public void OnFailed() => Interlocked.Increment(ref _failed);

    /// <summary>
    /// Member <paramref name="sender"/> of <paramref name="room"/> sends message <paramref name="seq"/>, not awaited
    /// (the server's acknowledgement is not what is timed); a refused send counts as failed and frees its window slot.
    /// </summary>
    public void Send(IChatRoom room, int sender, int seq) =>
        _ = room.SendAsync(sender, Text(seq), ClientMessageId(seq)).ContinueWith(
            static (task, state) =>
            {
                if (task.IsFaulted)
                {
                    var run = (FanOutRun)state!;
                    run.OnFailed();
                    run.Window?.Release();
                }
            },
            this,
            TaskScheduler.Default);

    public void OnDelivered(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var end = text.IndexOf(' ', colon + 1);
        if (colon <= 0 || !int.TryParse(text.AsSpan(0, colon), out var runId)
            || !int.TryParse(text.AsSpan(colon + 1, (end < 0 ? text.Length : end) - colon - 1), out var seq))
        {
            return;
        }

        OnDelivered(runId, seq);
    }

    /// <summary>A delivery whose record carries <c>"text":"run:seq"</c> (read straight from the UTF-8 bytes).</summary>
    public void OnDeliveredRecord(ReadOnlySpan<byte> record)
    {
        ReadOnlySpan<byte> field = "\"text\":\""u8;
        var at = record.IndexOf(field);
        if (at < 0)
        {
            return;
        }

        var text = record[(at + field.Length)..];
        if (!System.Buffers.Text.Utf8Parser.TryParse(text, out int runId, out var used) || used >= text.Length || text[used] != (byte)':'
            || !System.Buffers.Text.Utf8Parser.TryParse(text[(used + 1)..], out int seq, out _))
        {
            return;
        }

        OnDelivered(runId, seq);
    }

    private void OnDelivered(int runId, int seq)
    {
        if (runId != _runId || (uint)seq >= (uint)_sentAt.Length)
        {
            return;
        }

        Interlocked.Increment(ref _delivered);
        var sentAt = Volatile.Read(ref _sentAt[seq]);
        if (sentAt >= MeasureFrom && sentAt < MeasureTo)
        {
            Latency.RecordSince(sentAt);
        }

        if (Interlocked.Increment(ref _received[seq]) == _members)
        {
            Interlocked.Increment(ref _completed);
            Window?.Release();
        }
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until every message sent has reached every member.</summary>
    public async Task<bool> DrainAsync(TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (Completed + Failed < Sent)
        {
            if (deadline.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
