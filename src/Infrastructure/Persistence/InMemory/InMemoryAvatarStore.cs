using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryAvatarStore(InMemorySession session) : IAvatarStore
{
    public Task<Avatar?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(session.State.Avatars.ByUserId.TryGetValue(userId, out var row) ? row.ToAvatar() : null);

    public Task SaveAsync(Avatar avatar, CancellationToken cancellationToken) =>
        session.WriteAsync(
            state => state with { Avatars = new AvatarTable(state.Avatars.ByUserId.SetItem(avatar.UserId, AvatarRow.From(avatar))) },
            cancellationToken);

    public async Task<bool> RemoveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var removed = false;
        await session.WriteAsync(state =>
        {
            removed = state.Avatars.ByUserId.ContainsKey(userId);
            return removed ? state with { Avatars = new AvatarTable(state.Avatars.ByUserId.Remove(userId)) } : state;
        }, cancellationToken);
        return removed;
    }
}
