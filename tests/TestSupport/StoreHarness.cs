using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure;

namespace Transcendence.TestSupport;

/// <summary>
/// The Infrastructure layer as the app composes it, on the store asked for (a fresh database for
/// Postgres), without the web host: for repository contract tests.
/// </summary>
public sealed class StoreHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StoreHarness(ServiceProvider services, string? connectionString)
    {
        _services = services;
        ConnectionString = connectionString;
    }

    /// <summary>The Postgres database's connection string; null on the in-memory store.</summary>
    public string? ConnectionString { get; }

    /// <summary>
    /// How the store keeps two units of work on one row apart. PostgreSQL: the second waits for the first's
    /// row lock. In memory (optimistic): neither waits; the one that commits second, when the other changed
    /// what it read, writes nothing and its commit throws <c>TransactionConflictException</c> (the unit of
    /// work then runs its command again).
    /// </summary>
    public bool WritersWaitForRowLocks => ConnectionString is not null;

    public static async Task<StoreHarness> StartAsync(StorageProvider provider, TimeProvider? clock = null)
    {
        var connectionString = provider == StorageProvider.Postgres
            ? await PostgresTestServer.Instance.CreateMigratedDatabaseAsync()
            : null;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = provider.ToString(),
                ["ConnectionStrings:Postgres"] = connectionString,
                ["Auth:Jwt:SigningKey"] = TestKeys.JwtSigningKey,
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock ?? TimeProvider.System)
            .AddInfrastructure(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        return new StoreHarness(services, connectionString);
    }

    /// <summary>A scope is one request: one store session, one unit of work.</summary>
    public AsyncServiceScope NewScope() => _services.CreateAsyncScope();

    /// <summary>Runs <paramref name="work"/> with one service of a fresh scope (one request) and returns its result.</summary>
    public async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = NewScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Runs <paramref name="work"/> with one service of a fresh scope (one request).</summary>
    public async Task WithAsync<TService>(Func<TService, Task> work)
        where TService : notnull
    {
        await using var scope = NewScope();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Commits; false when the store refused the commit because another transaction changed what this one read.</summary>
    public static async Task<bool> TryCommitAsync(IUnitOfWork unitOfWork)
    {
        try
        {
            await unitOfWork.CommitAsync(CancellationToken.None);
            return true;
        }
        catch (TransactionConflictException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
