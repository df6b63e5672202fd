using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryFriendshipRepository(InMemorySession session) : IFriendshipRepository
{
    private FriendshipTable Friendships => session.State.Friendships;

    public Task<Friendship?> FindBetweenAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken) =>
        Task.FromResult(Friendships.ByPair.TryGetValue(FriendshipTable.PairOf(userId, otherUserId), out var row) ? row.ToFriendship() : null);

    public Task<IReadOnlyList<Friendship>> ListOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Friendship> found = [.. Friendships.ByPair.Values
            .Where(row => row.RequesterId == userId || row.AddresseeId == userId)
            .Select(row => row.ToFriendship())];
        return Task.FromResult(found);
    }

    public Task AddAsync(Friendship friendship, CancellationToken cancellationToken) =>
        session.WriteAsync(state =>
        {
            var pair = FriendshipTable.PairOf(friendship.RequesterId, friendship.AddresseeId);
            if (state.Friendships.ByPair.ContainsKey(pair))
            {
                throw UserErrors.FriendshipChanged();
            }

            return state with { Friendships = new FriendshipTable(state.Friendships.ByPair.Add(pair, FriendshipRow.From(friendship))) };
        }, cancellationToken);

    public Task UpdateAsync(Friendship friendship, CancellationToken cancellationToken) =>
        session.WriteAsync(state =>
        {
            var pair = FriendshipTable.PairOf(friendship.RequesterId, friendship.AddresseeId);
            if (!state.Friendships.ByPair.TryGetValue(pair, out var stored)
                || stored.RequesterId != friendship.RequesterId)
            {
                throw UserErrors.FriendshipChanged();
            }

            return state with { Friendships = new FriendshipTable(state.Friendships.ByPair.SetItem(pair, FriendshipRow.From(friendship))) };
        }, cancellationToken);

    public async Task<bool> RemoveBetweenAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken)
    {
        var removed = false;
        await session.WriteAsync(state =>
        {
            var pair = FriendshipTable.PairOf(userId, otherUserId);
            removed = state.Friendships.ByPair.ContainsKey(pair);
            return removed ? state with { Friendships = new FriendshipTable(state.Friendships.ByPair.Remove(pair)) } : state;
        }, cancellationToken);
        return removed;
    }
}
