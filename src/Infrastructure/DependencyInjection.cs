using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Transcendence.Application.Common.Ports;
using Transcendence.Infrastructure.Auth;
using Transcendence.Infrastructure.Persistence.InMemory;
using Transcendence.Infrastructure.Persistence.Postgres;
using Transcendence.Infrastructure.Presence;

namespace Transcendence.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// The store chosen by <c>Storage:Provider</c> and the services behind the other ports. This is the
    /// only place that knows which store runs.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section));
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton<IPresenceLookup, EveryoneOffline>();

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        return storage.Provider switch
        {
            StorageProvider.Postgres => services.AddPostgresStore(PostgresConnectionString(configuration)),
            _ => services.AddInMemoryStore(),
        };
    }

    public static string PostgresConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Postgres") is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                "Storage:Provider is Postgres but ConnectionStrings:Postgres is not set " +
                "(environment: ConnectionStrings__Postgres=\"Host=…;Database=…;Username=…;Password=…\")");

    private static IServiceCollection AddInMemoryStore(this IServiceCollection services)
    {
        services.AddSingleton<InMemoryDatabase>();
        services.AddScoped<InMemorySession>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<InMemorySession>());
        services.AddScoped<IUserRepository, InMemoryUserRepository>();
        services.AddScoped<IFriendshipRepository, InMemoryFriendshipRepository>();
        services.AddScoped<IAvatarStore, InMemoryAvatarStore>();
        services.AddSingleton<IStoreProbe, InMemoryStoreProbe>();
        return services;
    }

    private static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString)
    {
        DapperConventions.Apply();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddScoped<PostgresSession>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<PostgresSession>());
        services.AddScoped<IUserRepository, PostgresUserRepository>();
        services.AddScoped<IFriendshipRepository, PostgresFriendshipRepository>();
        services.AddScoped<IAvatarStore, PostgresAvatarStore>();
        services.AddScoped<IStoreProbe, PostgresStoreProbe>();
        return services;
    }
}
