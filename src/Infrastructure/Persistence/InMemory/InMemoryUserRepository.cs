using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryUserRepository(InMemorySession session) : IUserRepository
{
    private UserTable Users => session.State.Users;

    public Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(Users.ById.TryGetValue(id, out var row) ? row.ToUser() : null);

    public Task<User?> FindByLoginAsync(string login, CancellationToken cancellationToken) =>
        Task.FromResult(Users.IdByLogin.TryGetValue(login, out var id) ? Users.ById[id].ToUser() : null);

    public Task<bool> IsDisplayNameTakenAsync(DisplayName displayName, CancellationToken cancellationToken) =>
        Task.FromResult(Users.IdByNormalizedName.ContainsKey(displayName.Normalized));

    public Task<IReadOnlyList<User>> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var needle = text.ToLowerInvariant();
        IReadOnlyList<User> found = [.. Users.ById.Values
            .Where(row => needle.Length == 0
                || row.Login.ToLowerInvariant().Contains(needle, StringComparison.Ordinal)
                || row.DisplayName.ToLowerInvariant().Contains(needle, StringComparison.Ordinal))
            .OrderBy(row => row.DisplayName.ToLowerInvariant(), StringComparer.Ordinal)
            .Take(limit)
            .Select(row => row.ToUser())];
        return Task.FromResult(found);
    }

    public Task AddAsync(User user, CancellationToken cancellationToken) =>
        session.WriteAsync(state =>
        {
            var users = state.Users;
            if (users.IdByLogin.ContainsKey(user.Login))
            {
                throw StoreErrors.LoginTaken(user.Login);
            }

            if (users.IdByNormalizedName.ContainsKey(user.DisplayName.Normalized))
            {
                throw UserErrors.NameTaken(user.DisplayName.Value);
            }

            return state with
            {
                Users = users with
                {
                    ById = users.ById.Add(user.Id, UserRow.From(user)),
                    IdByLogin = users.IdByLogin.Add(user.Login, user.Id),
                    IdByNormalizedName = users.IdByNormalizedName.Add(user.DisplayName.Normalized, user.Id),
                },
            };
        }, cancellationToken);

    public Task UpdateAsync(User user, CancellationToken cancellationToken) =>
        session.WriteAsync(state =>
        {
            var users = state.Users;
            var before = users.ById.TryGetValue(user.Id, out var row) ? row : throw UserErrors.NotFound(user.Id);
            var oldName = before.DisplayName.ToLowerInvariant();
            var newName = user.DisplayName.Normalized;
            if (newName != oldName && users.IdByNormalizedName.ContainsKey(newName))
            {
                throw UserErrors.NameTaken(user.DisplayName.Value);
            }

            return state with
            {
                Users = users with
                {
                    ById = users.ById.SetItem(user.Id, UserRow.From(user)),
                    IdByNormalizedName = users.IdByNormalizedName.Remove(oldName).Add(newName, user.Id),
                },
            };
        }, cancellationToken);
}
