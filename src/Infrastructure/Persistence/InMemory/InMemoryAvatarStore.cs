using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryAvatarStore(InMemorySession session) : IAvatarStore
{
    public Task<Avatar?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Read(Key(userId));
        return Task.FromResult(session.State.Avatars.ByUserId.TryGetValue(userId, out var row) ? row.ToAvatar() : null);
    }

    public Task SaveAsync(Avatar avatar, CancellationToken cancellationToken)
    {
        session.Write(
            state => state with { Avatars = new AvatarTable(state.Avatars.ByUserId.SetItem(avatar.UserId, AvatarRow.From(avatar))) },
            Key(avatar.UserId));
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var removed = false;
        session.Write(state =>
        {
            removed = state.Avatars.ByUserId.ContainsKey(userId);
            return removed ? state with { Avatars = new AvatarTable(state.Avatars.ByUserId.Remove(userId)) } : state;
        }, Key(userId));
        return Task.FromResult(removed);
    }

    private static long Key(Guid userId) => StoreKey.Of(StoreTable.Avatars, userId);
}
