using Transcendence.Domain.Channels;

namespace Transcendence.Application.Common.Ports;

/// <summary>Where messages are kept: once per (sender, client message id), paged newest first.</summary>
public interface IMessageRepository
{
    /// <summary>The most messages one page of history holds.</summary>
    const int MaxPageSize = 100;

    /// <summary>
    /// Stores a message unless its sender already stored one with the same client message id, and returns
    /// the stored one: the message given, or the earlier one (whatever channel or text it has).
    /// </summary>
    Task<Message> AddAsync(Message message, CancellationToken cancellationToken);

    Task<Message?> FindBySenderAndClientIdAsync(Guid senderId, string clientMessageId, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the channel's history, newest first by (sent at, id), at most <paramref name="limit"/>
    /// (1 to <see cref="MaxPageSize"/>) messages. With <paramref name="before"/>, only messages older than
    /// that message (which is left out; an id not in this channel gives an empty page). Messages from
    /// <paramref name="excludedSenderIds"/> (the reader's blocked users) are left out.
    /// </summary>
    Task<IReadOnlyList<Message>> ListAsync(
        Guid channelId,
        Guid? before,
        int limit,
        IReadOnlyCollection<Guid> excludedSenderIds,
        CancellationToken cancellationToken);
}
