using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryTwoFactorRepository(InMemorySession session) : ITwoFactorRepository
{
    public Task<TwoFactorAuth?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Read(Key(userId));
        return Task.FromResult(session.State.TwoFactors.TryGetValue(userId, out var row) ? row.ToTwoFactor() : null);
    }

    public Task<bool> IsEnabledAsync(Guid userId, CancellationToken cancellationToken)
    {
        session.Read(Key(userId));
        return Task.FromResult(session.State.TwoFactors.TryGetValue(userId, out var row) && row.Enabled);
    }

    public Task SaveAsync(TwoFactorAuth twoFactor, CancellationToken cancellationToken)
    {
        session.Write(state =>
        {
            if (!state.Users.ById.ContainsKey(twoFactor.UserId))
            {
                throw new InvalidOperationException($"no user has the id {twoFactor.UserId}");
            }

            return state with { TwoFactors = state.TwoFactors.SetItem(twoFactor.UserId, TwoFactorRow.From(twoFactor)) };
        }, Key(twoFactor.UserId));
        return Task.CompletedTask;
    }

    private static long Key(Guid userId) => StoreKey.Of(StoreTable.TwoFactors, userId);
}
