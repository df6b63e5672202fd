namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>Where a room's deliveries go: the run in progress, if any (between runs they are dropped).</summary>
public sealed class DeliverySink
{
    private volatile FanOutRun? _current;

    public FanOutRun? Current
    {
        get => _current;
        set => _current = value;
    }

    /// <summary>A delivery seen as its message text.</summary>
    public void OnText(string text) => _current?.OnDelivered(text);

    /// <summary>A delivery seen as its raw SignalR record (the text is read from the bytes).</summary>
    public void OnRecord(ReadOnlySpan<byte> record) => _current?.OnDeliveredRecord(record);
}
