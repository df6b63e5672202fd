using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Users;

internal static class UserRepositoryExtensions
{
    /// <summary>The user with that id, or <c>user.not_found</c>.</summary>
    public static async Task<User> GetAsync(this IUserRepository users, Guid id, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id, cancellationToken) ?? throw UserErrors.NotFound(id);
}
