using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>A message as both stores hold it.</summary>
public sealed class MessageRow
{
    /// <summary>History order, oldest first: sent at, then id as PostgreSQL orders <c>uuid</c>.</summary>
    public static IComparer<MessageRow> HistoryOrder { get; } = Comparer<MessageRow>.Create((x, y) =>
    {
        var bySentAt = x.SentAt.CompareTo(y.SentAt);
        return bySentAt != 0 ? bySentAt : UuidOrder.Instance.Compare(x.Id, y.Id);
    });

    public Guid Id { get; init; }

    public Guid ChannelId { get; init; }

    public Guid SenderId { get; init; }

    public string Text { get; init; } = string.Empty;

    public DateTimeOffset SentAt { get; init; }

    public string ClientMessageId { get; init; } = string.Empty;

    public static MessageRow From(Message message) => new()
    {
        Id = message.Id,
        ChannelId = message.ChannelId,
        SenderId = message.SenderId,
        Text = message.Text,
        SentAt = message.SentAt,
        ClientMessageId = message.ClientMessageId,
    };

    public Message ToMessage() => Message.Rehydrate(Id, ChannelId, SenderId, Text, SentAt, ClientMessageId);
}
