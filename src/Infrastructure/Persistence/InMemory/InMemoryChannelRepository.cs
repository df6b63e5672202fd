using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// Channels in the in-memory store. A transaction that read a channel commits only if nobody changed it
/// meanwhile (it runs again otherwise), which is what the lock <see cref="IChannelRepository.FindByIdAsync"/>
/// promises.
/// </summary>
public sealed class InMemoryChannelRepository(InMemorySession session) : IChannelRepository
{
    private const string Public = "public";
    private const string Protected = "protected";

    private ChannelTable Channels => session.State.Channels;

    public Task<Channel?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        session.Read(Key(id));
        return Task.FromResult(Channels.ById.TryGetValue(id, out var record) ? record.ToChannel() : null);
    }

    public Task<Channel?> FindDirectAsync(Guid firstUserId, Guid secondUserId, CancellationToken cancellationToken)
    {
        var key = DirectPairKey.For(firstUserId, secondUserId);
        session.Read(DirectKey(key));
        if (!Channels.IdByDirectKey.TryGetValue(key, out var id))
        {
            return Task.FromResult<Channel?>(null);
        }

        session.Read(Key(id));
        return Task.FromResult<Channel?>(Channels.ById[id].ToChannel());
    }

    public Task<Channel> AddAsync(Channel channel, CancellationToken cancellationToken)
    {
        Channel? existing = null;
        session.Write(state =>
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
        }, Key(channel.Id), channel.DirectKey is { } directKey ? DirectKey(directKey) : Key(channel.Id));
        return Task.FromResult(existing ?? channel);
    }

    public Task UpdateAsync(Channel channel, CancellationToken cancellationToken)
    {
        session.Write(state =>
        {
            var channels = state.Channels;
            if (!channels.ById.ContainsKey(channel.Id))
            {
                throw ChannelErrors.NotFound(channel.Id);
            }

            var record = ChannelRecord.From(channel);
            InMemoryConstraints.RequireUsers(state, record.UserIds);
            return state with { Channels = channels with { ById = channels.ById.SetItem(channel.Id, record) } };
        }, Key(channel.Id));
        return Task.CompletedTask;
    }

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var direct = Channels.ById.TryGetValue(id, out var found) && found.Channel.DirectKey is { } foundKey ? DirectKey(foundKey) : Key(id);
        session.Write(state =>
        {
            var channels = state.Channels;
            if (!channels.ById.TryGetValue(id, out var record))
            {
                return state;
            }

            return state with
            {
                Channels = channels with
                {
                    ById = channels.ById.Remove(id),
                    IdByDirectKey = record.Channel.DirectKey is { } key ? channels.IdByDirectKey.Remove(key) : channels.IdByDirectKey,
                },
                ChannelPasswordGuesses = state.ChannelPasswordGuesses.RemoveRange(
                    state.ChannelPasswordGuesses.Keys.Where(key => key.ChannelId == id)),
            };
        }, Key(id), direct, StoreKey.Every(StoreTable.PasswordGuesses));
        if (found is not null)
        {
            // The channel's messages go with it (the foreign key's on delete cascade).
            RemoveHistory(id);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Channel>> ListForMemberAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Read(All);
        IReadOnlyList<Channel> found = [.. Channels.ById.Values
            .Where(record => record.Members.Any(m => m.UserId == userId))
            .OrderBy(record => record.Channel.Id, UuidOrder.Instance)
            .Select(record => record.ToChannel())];
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<Channel>> SearchListedAsync(string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        session.Read(All);
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
        session.Read(All);
        IReadOnlyList<Guid> found = [.. Channels.ById.Values
            .Where(record => record.Mutes.Any(m => m.Until <= now) || record.Bans.Any(b => b.Until <= now))
            .Select(record => record.Channel.Id)
            .Order(UuidOrder.Instance)
            .Take(limit)];
        return Task.FromResult(found);
    }

    private static long All => StoreKey.All(StoreTable.Channels);

    private static long Key(Guid id) => StoreKey.Of(StoreTable.Channels, id);

    private static long DirectKey(string key) => StoreKey.Of(StoreTable.DirectChannels, key);

    private void RemoveHistory(Guid channelId)
    {
        if (session.Transaction is { } transaction)
        {
            transaction.RemoveHistory(channelId);
            return;
        }

        session.Database.CommitMessages<bool>((store, _) =>
        {
            store.Apply([channelId], []);
            return (true, [StoreKey.Of(StoreTable.ChannelMessages, channelId)]);
        });
    }
}
