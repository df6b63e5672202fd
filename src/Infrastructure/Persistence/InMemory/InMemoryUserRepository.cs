using System.Collections.Immutable;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryUserRepository(InMemorySession session, TimeProvider clock) : IUserRepository
{
    private InMemoryState State => session.State;

    public Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        var state = State;
        return Task.FromResult(state.Users.ById.TryGetValue(id, out var row) ? ToUser(row, state) : null);
    }

    public Task<IReadOnlyList<User>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var state = State;
        IReadOnlyList<User> found = [.. ids.Distinct()
            .Select(id => state.Users.ById.GetValueOrDefault(id))
            .OfType<UserRow>()
            .OrderBy(row => row.DisplayName.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(row => ToUser(row, state))];
        return Task.FromResult(found);
    }

    public Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken)
    {
        var state = State;
        return Task.FromResult(state.Users.IdByDevLogin.TryGetValue(login, out var id) ? ToUser(state.Users.ById[id], state) : null);
    }

    public Task<User?> FindByProviderUserIdAsync(string provider, string providerUserId, CancellationToken cancellationToken)
    {
        var state = State;
        return Task.FromResult(state.Users.IdByProviderUserId.TryGetValue((provider, providerUserId), out var id) ? ToUser(state.Users.ById[id], state) : null);
    }

    public Task<User?> FindUnlinkedByLoginAsync(string provider, string login, CancellationToken cancellationToken)
    {
        var state = State;
        return Task.FromResult(state.Users.IdByUnlinkedLogin.TryGetValue((provider, login), out var id) ? ToUser(state.Users.ById[id], state) : null);
    }

    public Task<bool> IsDisplayNameTakenAsync(DisplayName displayName, CancellationToken cancellationToken) =>
        Task.FromResult(State.Users.IdByNormalizedName.ContainsKey(displayName.Normalized));

    public Task<IReadOnlyList<User>> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var state = State;
        var needle = text.ToLowerInvariant();
        IReadOnlyList<User> found = [.. state.Users.ById.Values
            .Where(row => needle.Length == 0
                || row.Login.ToLowerInvariant().Contains(needle, StringComparison.Ordinal)
                || row.DisplayName.ToLowerInvariant().Contains(needle, StringComparison.Ordinal))
            .OrderBy(row => row.DisplayName.ToLowerInvariant(), StringComparer.Ordinal)
            .Take(limit)
            .Select(row => ToUser(row, state))];
        return Task.FromResult(found);
    }

    public async Task AddAsync(User user, CancellationToken cancellationToken)
    {
        var changes = user.PendingBlockChanges();
        var now = clock.GetUtcNow();
        var row = UserRow.From(user);
        await session.WriteAsync(state =>
        {
            var users = state.Users;
            if (users.IdentityKeyTakenByOther(row))
            {
                throw StoreErrors.LoginTaken(user.Login);
            }

            if (users.IdByNormalizedName.ContainsKey(user.DisplayName.Normalized))
            {
                throw UserErrors.NameTaken(user.DisplayName.Value);
            }

            return WriteBlocks(state with
            {
                Users = users.WithIdentityKeys(row) with
                {
                    ById = users.ById.Add(user.Id, row),
                    IdByNormalizedName = users.IdByNormalizedName.Add(user.DisplayName.Normalized, user.Id),
                },
            }, user.Id, changes, now);
        }, cancellationToken);
        user.BlockChangesSaved();
    }

    public async Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        var changes = user.PendingBlockChanges();
        var now = clock.GetUtcNow();
        var after = UserRow.From(user);
        await session.WriteAsync(state =>
        {
            var users = state.Users;
            var before = users.ById.TryGetValue(user.Id, out var row) ? row : throw UserErrors.NotFound(user.Id);
            users = users.WithoutIdentityKeys(before);
            if (users.IdentityKeyTakenByOther(after))
            {
                throw StoreErrors.LoginTaken(user.Login);
            }

            var oldName = before.DisplayName.ToLowerInvariant();
            var newName = user.DisplayName.Normalized;
            if (newName != oldName && users.IdByNormalizedName.ContainsKey(newName))
            {
                throw UserErrors.NameTaken(user.DisplayName.Value);
            }

            return WriteBlocks(state with
            {
                Users = users.WithIdentityKeys(after) with
                {
                    ById = users.ById.SetItem(user.Id, after),
                    IdByNormalizedName = users.IdByNormalizedName.Remove(oldName).Add(newName, user.Id),
                },
            }, user.Id, changes, now);
        }, cancellationToken);
        user.BlockChangesSaved();
    }

    private static User ToUser(UserRow row, InMemoryState state) =>
        User.Rehydrate(row.Id, row.Login, row.DisplayName, row.CreatedAt, state.Blocks.BlockedBy(row.Id), row.Provider, row.ProviderUserId);

    /// <summary>As the Postgres twin: a block already held keeps its time; lifting a missing one is no change.</summary>
    private static InMemoryState WriteBlocks(InMemoryState state, Guid blockerId, BlockChanges changes, DateTimeOffset now)
    {
        if (changes.IsEmpty)
        {
            return state;
        }

        var blocked = state.Blocks.ByBlocker.GetValueOrDefault(blockerId) ?? ImmutableDictionary<Guid, DateTimeOffset>.Empty;
        foreach (var added in changes.Added)
        {
            blocked = blocked.ContainsKey(added) ? blocked : blocked.Add(added, now);
        }

        blocked = blocked.RemoveRange(changes.Lifted);
        var byBlocker = blocked.IsEmpty ? state.Blocks.ByBlocker.Remove(blockerId) : state.Blocks.ByBlocker.SetItem(blockerId, blocked);
        return state with { Blocks = new BlockTable(byBlocker) };
    }
}
