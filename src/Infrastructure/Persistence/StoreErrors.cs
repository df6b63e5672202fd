using Transcendence.Domain.Common;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>Refusals that only the store can detect (a unique key lost to a concurrent writer).</summary>
internal static class StoreErrors
{
    public static DomainException LoginTaken(string login) =>
        new("user.login_taken", ErrorKind.Conflict, $"a user with the login '{login}' already exists");
}
