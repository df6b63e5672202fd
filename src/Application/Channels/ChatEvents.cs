namespace Transcendence.Application.Channels;

/// <summary>The chat hub's event names (docs/hubs.md, declared in HubEvents) and their payloads.</summary>
public static class ChatEvents
{
    public const string MessageReceived = "MessageReceived";
    public const string ChannelUpdated = "ChannelUpdated";
    public const string MemberJoined = "MemberJoined";
    public const string MemberLeft = "MemberLeft";
    public const string Notice = "Notice";
    public const string Signal = "Signal";
}

/// <summary><c>Notice</c>: something happened that people should be told, with a code clients can act on.</summary>
public sealed record NoticeEvent(string Code, Guid? ChannelId, Guid? ActorId, Guid? TargetId, DateTimeOffset? Until, string Text);

public sealed record MemberJoinedEvent(Guid ChannelId, UserRef User);

/// <param name="Reason"><c>left</c>, <c>kicked</c> or <c>banned</c>.</param>
public sealed record MemberLeftEvent(Guid ChannelId, Guid UserId, string Reason);

public sealed record ChannelUpdatedEvent(Guid ChannelId, string? Name, string Visibility, string Kind, bool Deleted = false);

public sealed record SignalEvent(Guid FromUserId, string Kind, object Payload);
