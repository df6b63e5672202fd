using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryFriendshipRepository(InMemorySession session) : IFriendshipRepository
{
    private FriendshipTable Friendships => session.State.Friendships;

    public Task<Friendship?> FindBetweenAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken)
    {
        var pair = FriendshipTable.PairOf(userId, otherUserId);
        session.Read(Key(pair));
        return Task.FromResult(Friendships.ByPair.TryGetValue(pair, out var row) ? row.ToFriendship() : null);
    }

    public Task<IReadOnlyList<Friendship>> ListOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Read(StoreKey.All(StoreTable.Friendships));
        IReadOnlyList<Friendship> found = [.. Friendships.ByPair.Values
            .Where(row => row.RequesterId == userId || row.AddresseeId == userId)
            .Select(row => row.ToFriendship())];
        return Task.FromResult(found);
    }

    public Task AddAsync(Friendship friendship, CancellationToken cancellationToken)
    {
        var pair = FriendshipTable.PairOf(friendship.RequesterId, friendship.AddresseeId);
        session.Write(state =>
        {
            if (state.Friendships.ByPair.ContainsKey(pair))
            {
                throw UserErrors.FriendshipChanged();
            }

            return state with { Friendships = new FriendshipTable(state.Friendships.ByPair.Add(pair, FriendshipRow.From(friendship))) };
        }, Key(pair));
        return Task.CompletedTask;
    }

    public Task UpdateAsync(Friendship friendship, CancellationToken cancellationToken)
    {
        var pair = FriendshipTable.PairOf(friendship.RequesterId, friendship.AddresseeId);
        session.Write(state =>
        {
            if (!state.Friendships.ByPair.TryGetValue(pair, out var stored)
                || stored.RequesterId != friendship.RequesterId)
            {
                throw UserErrors.FriendshipChanged();
            }

            return state with { Friendships = new FriendshipTable(state.Friendships.ByPair.SetItem(pair, FriendshipRow.From(friendship))) };
        }, Key(pair));
        return Task.CompletedTask;
    }

    public Task<bool> RemoveBetweenAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken)
    {
        var removed = false;
        var pair = FriendshipTable.PairOf(userId, otherUserId);
        session.Write(state =>
        {
            removed = state.Friendships.ByPair.ContainsKey(pair);
            return removed ? state with { Friendships = new FriendshipTable(state.Friendships.ByPair.Remove(pair)) } : state;
        }, Key(pair));
        return Task.FromResult(removed);
    }

    private static long Key((Guid, Guid) pair) => StoreKey.Of(StoreTable.Friendships, pair);
}
