using Transcendence.Domain.Channels;

namespace Transcendence.Application.Channels;

/// <summary>A user as chat payloads show them.</summary>
public sealed record UserRef(Guid Id, string DisplayName);

/// <summary>A line of a channel list (<c>GET /api/channels</c>, <c>GET /api/channels/mine</c>).</summary>
/// <param name="Kind"><c>group</c> or <c>direct</c>.</param>
/// <param name="PeerId">The other user of a direct channel.</param>
public sealed record ChannelSummary(Guid Id, string Kind, string? Name, string Visibility, int MemberCount, Guid? PeerId)
{
    public static ChannelSummary Of(Channel channel, Guid? viewerId = null) => new(
        channel.Id,
        ChatWords.Kind(channel),
        channel.Name,
        ChatWords.Visibility(channel.Visibility),
        channel.Members.Count,
        channel.IsDirect && viewerId is { } viewer && channel.IsMember(viewer) ? channel.PeerOf(viewer) : null);
}

public sealed record MemberView(Guid UserId, string DisplayName, string Role, DateTimeOffset JoinedAt);

public sealed record MuteView(Guid UserId, DateTimeOffset Until);

public sealed record BanView(Guid UserId, DateTimeOffset? Until);

/// <summary>A channel as its members see it (<c>GET /api/channels/{id}</c>).</summary>
public sealed record ChannelDetails(
    Guid Id,
    string Kind,
    string? Name,
    string Visibility,
    DateTimeOffset CreatedAt,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<MuteView> Mutes,
    IReadOnlyList<BanView> Bans);

/// <summary>A stored message, as history pages and <c>MessageReceived</c> carry it.</summary>
public sealed record MessageView(Guid ChannelId, Guid MessageId, UserRef Sender, string Text, DateTimeOffset SentAt, string ClientMessageId)
{
    public static MessageView Of(Message message, UserRef sender) =>
        new(message.ChannelId, message.Id, sender, message.Text, message.SentAt, message.ClientMessageId);
}

/// <summary>What <c>SendMessage</c> returns: the stored id and time (the same on a repeat).</summary>
public sealed record SentMessage(Guid MessageId, DateTimeOffset SentAt);

/// <summary>The contract's words for channel enums.</summary>
public static class ChatWords
{
    public static string Kind(Channel channel) => channel.IsDirect ? "direct" : "group";

    public static string Visibility(ChannelVisibility visibility) => visibility.ToString().ToLowerInvariant();

    public static string Role(ChannelRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The visibility a (validated) word names; anything else is a validation refusal.</summary>
    public static ChannelVisibility ParseVisibility(string? text) =>
        TryParseVisibility(text, out var visibility)
            ? visibility
            : throw new Transcendence.Domain.Common.DomainException("validation", Transcendence.Domain.Common.ErrorKind.Invalid, "visibility is public, private or protected");

    public static bool TryParseVisibility(string? text, out ChannelVisibility visibility)
    {
        visibility = default;
        return text is "public" or "private" or "protected" && Enum.TryParse(text, ignoreCase: true, out visibility);
    }
}
