using Transcendence.Domain.Common;

namespace Transcendence.Domain.Channels;

/// <summary>
/// Something a member said in a channel. Made only by <see cref="Channel.Post"/>, which checks the
/// sender may speak; stored once per (sender, client message id).
/// </summary>
public sealed class Message
{
    public const int MaxTextLength = 2000;
    public const int MaxClientMessageIdLength = 64;

    private Message(Guid id, Guid channelId, Guid senderId, string text, DateTimeOffset sentAt, string clientMessageId)
    {
        Id = id;
        ChannelId = channelId;
        SenderId = senderId;
        Text = text;
        SentAt = sentAt;
        ClientMessageId = clientMessageId;
    }

    public Guid Id { get; }

    public Guid ChannelId { get; }

    public Guid SenderId { get; }

    public string Text { get; }

    public DateTimeOffset SentAt { get; }

    /// <summary>The sender's own id for this send; a repeat with the same one is the same message.</summary>
    public string ClientMessageId { get; }

    /// <summary>Rebuilds a message the store already holds; no rule is re-run and no id is made.</summary>
    public static Message Rehydrate(Guid id, Guid channelId, Guid senderId, string text, DateTimeOffset sentAt, string clientMessageId) =>
        new(id, channelId, senderId, text, Instant.Normalize(sentAt), clientMessageId);

    internal static Message Write(Guid channelId, Guid senderId, string text, string clientMessageId, DateTimeOffset now) =>
        new(UuidV7.NewId(now), channelId, senderId, ChatText.MessageText(text), now, ChatText.ClientMessageId(clientMessageId));
}
