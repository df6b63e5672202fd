using System.Collections.Immutable;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryUserRepository(InMemorySession session, TimeProvider clock) : IUserRepository
{
    private InMemoryState State => session.State;

    public Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        ReadUser(id);
        var state = State;
        return Task.FromResult(state.Users.ById.TryGetValue(id, out var row) ? ToUser(row, state) : null);
    }

    public Task<IReadOnlyList<User>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            ReadUser(id);
        }

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
        session.Read(LoginKey(null, login));
        var state = State;
        return Task.FromResult(state.Users.IdByDevLogin.TryGetValue(login, out var id) ? Found(id, state) : null);
    }

    public Task<User?> FindByProviderUserIdAsync(string provider, string providerUserId, CancellationToken cancellationToken)
    {
        session.Read(ProviderIdKey(provider, providerUserId));
        var state = State;
        return Task.FromResult(state.Users.IdByProviderUserId.TryGetValue((provider, providerUserId), out var id) ? Found(id, state) : null);
    }

    public Task<User?> FindUnlinkedByLoginAsync(string provider, string login, CancellationToken cancellationToken)
    {
        session.Read(LoginKey(provider, login));
        var state = State;
        return Task.FromResult(state.Users.IdByUnlinkedLogin.TryGetValue((provider, login), out var id) ? Found(id, state) : null);
    }

    public Task<bool> IsDisplayNameTakenAsync(DisplayName displayName, CancellationToken cancellationToken)
    {
        session.Read(NameKey(displayName.Normalized));
        return Task.FromResult(State.Users.IdByNormalizedName.ContainsKey(displayName.Normalized));
    }

    public Task<IReadOnlyList<User>> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        session.Read(StoreKey.All(StoreTable.Users), StoreKey.All(StoreTable.Blocks));
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

    public Task AddAsync(User user, CancellationToken cancellationToken)
    {
        var changes = user.PendingBlockChanges();
        var now = clock.GetUtcNow();
        var row = UserRow.From(user);
        session.Write(state =>
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
        }, [UserKey(user.Id), NameKey(user.DisplayName.Normalized), IdentityKey(row), .. BlockKeys(user.Id, changes)]);
        user.BlockChangesSaved();
        return Task.CompletedTask;
    }

    public Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        var changes = user.PendingBlockChanges();
        var now = clock.GetUtcNow();
        var after = UserRow.From(user);
        // The row it replaces is read again at commit; these are the index entries it may free or take.
        var stored = State.Users.ById.GetValueOrDefault(user.Id);
        session.Write(state =>
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
        },
        [
            UserKey(user.Id), NameKey(user.DisplayName.Normalized), IdentityKey(after), .. BlockKeys(user.Id, changes),
            stored is null ? UserKey(user.Id) : NameKey(stored.DisplayName.ToLowerInvariant()),
            stored is null ? UserKey(user.Id) : IdentityKey(stored),
        ]);
        user.BlockChangesSaved();
        return Task.CompletedTask;
    }

    private static long UserKey(Guid id) => StoreKey.Of(StoreTable.Users, id);

    private static long BlocksKey(Guid blockerId) => StoreKey.Of(StoreTable.Blocks, blockerId);

    /// <summary>The block rows a change writes: the blocker's list, and each blocked user's blockers.</summary>
    private static IEnumerable<long> BlockKeys(Guid blockerId, BlockChanges changes) =>
        changes.IsEmpty
            ? []
            : changes.Added.Concat(changes.Lifted).Select(id => StoreKey.Of(StoreTable.BlockersOf, id)).Append(BlocksKey(blockerId));

    private static long NameKey(string normalized) => StoreKey.Of(StoreTable.UserNames, normalized);

    private static long LoginKey(string? provider, string login) => StoreKey.Of(StoreTable.UserLogins, (provider ?? string.Empty, login, false));

    private static long ProviderIdKey(string provider, string providerUserId) => StoreKey.Of(StoreTable.UserLogins, (provider, providerUserId, true));

    /// <summary>The unique index entry that identifies <paramref name="row"/>: its login, or its provider id once known.</summary>
    private static long IdentityKey(UserRow row) =>
        row.Provider is null ? LoginKey(null, row.Login)
        : row.ProviderUserId is null ? LoginKey(row.Provider, row.Login)
        : ProviderIdKey(row.Provider, row.ProviderUserId);

    /// <summary>A user (and their blocks, which a <see cref="User"/> carries) read by a transaction.</summary>
    private void ReadUser(Guid id) => session.Read(UserKey(id), BlocksKey(id));

    private User Found(Guid id, InMemoryState state)
    {
        ReadUser(id);
        return ToUser(state.Users.ById[id], state);
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
        var blockersOf = state.Blocks.BlockersOf;
        foreach (var added in changes.Added)
        {
            blockersOf = blockersOf.SetItem(added, blockersOf.GetValueOrDefault(added, []).Add(blockerId));
        }

        foreach (var lifted in changes.Lifted)
        {
            var blockers = blockersOf.GetValueOrDefault(lifted, []).Remove(blockerId);
            blockersOf = blockers.IsEmpty ? blockersOf.Remove(lifted) : blockersOf.SetItem(lifted, blockers);
        }

        return state with { Blocks = new BlockTable(byBlocker, blockersOf) };
    }
}
