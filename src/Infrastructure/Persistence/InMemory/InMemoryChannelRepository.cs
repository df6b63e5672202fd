using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// Channels in the in-memory store. Writers already take turns for a whole unit of work, which is the
/// lock <see cref="IChannelRepository.FindByIdAsync"/> promises.
/// </summary>
public sealed class InMemoryChannelRepository(InMemorySession session) : IChannelRepository
{
    private const string Public = "public";
    private const string Protected = "protected";

    private ChannelTable Channels => session.State.Channels;

    public Task<Channel?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(Channels.ById.TryGetValue(id, out var record) ? record.ToChannel() : null);

    /// <summary>The in-memory store has one writer at a time, so a reader is as safe as a writer here.</summary>
    public Task<Channel?> FindByIdForReadingAsync(Guid id, CancellationToken cancellationToken) =>
        FindByIdAsync(id, cancellationToken);

    public Task<Channel?> FindDirectAsync(Guid firstUserId, Guid secondUserId, CancellationToken cancellationToken) =>
        Task.FromResult(Channels.IdByDirectKey.TryGetValue(DirectPairKey.For(firstUserId, secondUserId), out var id)
            ? Channels.ById[id].ToChannel()
            : null);

    public async Task<Channel> AddAsync(Channel channel, CancellationToken cancellationToken)
    {
        Channel? existing = null;
        await session.WriteAsync(state =>
        {
            var channels = state.Channels;
            if (channel.DirectKey is { } key && channels.IdByDirectKey.TryGetValue(key, out var existingId))
            {
                existing = channels.ById[existingId].ToChannel();
                return state;
            }

            if (channels.ById.ContainsKey(channel.Id))
            {
                throw InMemoryConstraints.DuplicateKey("channels", channel.Id);
            }

            var record = ChannelRecord.From(channel);
            InMemoryConstraints.RequireUsers(state, record.UserIds);
            return state with
            {
                Channels = channels with
                {
                    ById = channels.ById.Add(channel.Id, record),
                    IdByDirectKey = channel.DirectKey is { } newKey ? channels.IdByDirectKey.Add(newKey, channel.Id) : channels.IdByDirectKey,
                },
            };
        }, cancellationToken);
        return existing ?? channel;
    }

    public Task UpdateAsync(Channel channel, CancellationToken cancellationToken) =>
        session.WriteAsync(state =>
        {
            var channels = state.Channels;
            if (!channels.ById.ContainsKey(channel.Id))
            {
                throw ChannelErrors.NotFound(channel.Id);
            }

            var record = ChannelRecord.From(channel);
            InMemoryConstraints.RequireUsers(state, record.UserIds);
            return state with { Channels = channels with { ById = channels.ById.SetItem(channel.Id, record) } };
        }, cancellationToken);

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        session.WriteAsync(state =>
        {
            var channels = state.Channels;
            if (!channels.ById.TryGetValue(id, out var record))
            {
                return state;
            }

            var messages = state.Messages;
            var gone = messages.ByChannel.TryGetValue(id, out var rows) ? rows : [];
            return state with
            {
                Channels = channels with
                {
                    ById = channels.ById.Remove(id),
                    IdByDirectKey = record.Channel.DirectKey is { } key ? channels.IdByDirectKey.Remove(key) : channels.IdByDirectKey,
                },
                ChannelPasswordGuesses = state.ChannelPasswordGuesses.RemoveRange(
                    state.ChannelPasswordGuesses.Keys.Where(key => key.ChannelId == id)),
                Messages = messages with
                {
                    ById = messages.ById.RemoveRange(gone.Select(m => m.Id)),
                    IdBySenderAndClientId = messages.IdBySenderAndClientId.RemoveRange(gone.Select(m => (m.SenderId, m.ClientMessageId))),
                    ByChannel = messages.ByChannel.Remove(id),
                },
            };
        }, cancellationToken);

    public Task<IReadOnlyList<Channel>> ListForMemberAsync(Guid userId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Channel> found = [.. Channels.ById.Values
            .Where(record => record.Members.Any(m => m.UserId == userId))
            .OrderBy(record => record.Channel.Id, UuidOrder.Instance)
            .Select(record => record.ToChannel())];
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<Channel>> SearchListedAsync(string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var needle = text.ToLowerInvariant();
        IReadOnlyList<Channel> found = [.. Channels.ById.Values
            .Where(record => record.Channel.Visibility is Public or Protected
                && record.Channel.Name is not null
                && record.Channel.Name.ToLowerInvariant().Contains(needle, StringComparison.Ordinal))
            .OrderBy(record => record.Channel.Name!.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(record => record.Channel.Id, UuidOrder.Instance)
            .Take(limit)
            .Select(record => record.ToChannel())];
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<Guid>> ListIdsWithEndedRestrictionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        now = Instant.Normalize(now);
        IReadOnlyList<Guid> found = [.. Channels.ById.Values
            .Where(record => record.Mutes.Any(m => m.Until <= now) || record.Bans.Any(b => b.Until <= now))
            .Select(record => record.Channel.Id)
            .Order(UuidOrder.Instance)
            .Take(limit)];
        return Task.FromResult(found);
    }
}
