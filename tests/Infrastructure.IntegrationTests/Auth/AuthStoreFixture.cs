using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Auth;

/// <summary>A store per test, with helpers to run a repository in a scope of its own (one request each).</summary>
public abstract class AuthStoreFixture
{
    /// <summary>An odd time (ticks below the microsecond) to prove both stores keep the same precision.</summary>
    protected static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

    protected StoreHarness Store { get; private set; } = null!;

    protected abstract StorageProvider Provider { get; }

    [SetUp]
    public async Task StartStore() => Store = await StoreHarness.StartAsync(Provider);

    [TearDown]
    public async Task StopStore() => await Store.DisposeAsync();

    protected async Task<User> AddUserAsync(string login)
    {
        var user = User.Register(login, DisplayName.Parse(login), Now);
        await With<IUserRepository>(users => users.AddAsync(user, CancellationToken.None));
        return user;
    }

    protected Task<T> With<TRepository, T>(Func<TRepository, Task<T>> work)
        where TRepository : notnull =>
        Store.WithAsync(work);

    protected Task With<TRepository>(Func<TRepository, Task> work)
        where TRepository : notnull =>
        Store.WithAsync(work);
}
