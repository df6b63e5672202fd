using System.Collections.Immutable;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryMessageRepository(InMemorySession session) : IMessageRepository
{
    private MessageTable Messages => session.State.Messages;

    public async Task<Message> AddAsync(Message message, CancellationToken cancellationToken)
    {
        Message? earlier = null;
        await session.WriteAsync(state =>
        {
            var messages = state.Messages;
            var key = (message.SenderId, message.ClientMessageId);
            if (messages.IdBySenderAndClientId.TryGetValue(key, out var earlierId))
            {
                earlier = messages.ById[earlierId].ToMessage();
                return state;
            }

            if (messages.ById.ContainsKey(message.Id))
            {
                throw InMemoryConstraints.DuplicateKey("messages", message.Id);
            }

            if (!state.Channels.ById.ContainsKey(message.ChannelId))
            {
                // As on PostgreSQL: a channel deleted since the sender read it.
                throw ChannelErrors.NotFound(message.ChannelId);
            }

            InMemoryConstraints.RequireUsers(state, [message.SenderId]);
            var row = MessageRow.From(message);
            var history = messages.ByChannel.TryGetValue(message.ChannelId, out var rows)
                ? rows
                : ImmutableSortedSet.Create(MessageRow.HistoryOrder);
            return state with
            {
                Messages = messages with
                {
                    ById = messages.ById.Add(message.Id, row),
                    IdBySenderAndClientId = messages.IdBySenderAndClientId.Add(key, message.Id),
                    ByChannel = messages.ByChannel.SetItem(message.ChannelId, history.Add(row)),
                },
            };
        }, cancellationToken);
        return earlier ?? message;
    }

    public Task<Message?> FindBySenderAndClientIdAsync(Guid senderId, string clientMessageId, CancellationToken cancellationToken) =>
        Task.FromResult(Messages.IdBySenderAndClientId.TryGetValue((senderId, clientMessageId), out var id)
            ? Messages.ById[id].ToMessage()
            : null);

    public Task<IReadOnlyList<Message>> ListAsync(
        Guid channelId,
        Guid? before,
        int limit,
        IReadOnlyCollection<Guid> excludedSenderIds,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IMessageRepository.MaxPageSize);
        var messages = Messages;
        if (!messages.ByChannel.TryGetValue(channelId, out var history))
        {
            return Task.FromResult<IReadOnlyList<Message>>([]);
        }

        // Everything before index `end` sorts before the cursor.
        var end = history.Count;
        if (before is { } cursorId)
        {
            if (!messages.ById.TryGetValue(cursorId, out var cursor) || cursor.ChannelId != channelId)
            {
                return Task.FromResult<IReadOnlyList<Message>>([]);
            }

            end = history.IndexOf(cursor);
        }

        var excluded = excludedSenderIds.ToHashSet();
        var page = new List<Message>(limit);
        for (var i = end - 1; i >= 0 && page.Count < limit; i--)
        {
            if (!excluded.Contains(history[i].SenderId))
            {
                page.Add(history[i].ToMessage());
            }
        }

        return Task.FromResult<IReadOnlyList<Message>>(page);
    }
}
