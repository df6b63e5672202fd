using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Transcendence.Application.Auth;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Presence;
using Transcendence.Domain.Channels;
using Transcendence.Infrastructure.Auth;
using Transcendence.Infrastructure.RateLimiting;
using Transcendence.Infrastructure.ScaleOut;
using Transcendence.Infrastructure.Persistence;
using Transcendence.Infrastructure.Persistence.InMemory;
using Transcendence.Infrastructure.Persistence.Postgres;
using Transcendence.Infrastructure.Security;

namespace Transcendence.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Where Data Protection keeps its keys when set (<c>DataProtection:KeysPath</c>); see <see cref="AddAuthServices"/>.</summary>
    public const string DataProtectionKeysPathKey = "DataProtection:KeysPath";

    /// <summary>
    /// Data Protection isolates apps by this name; a fixed one lets every instance and every release read
    /// what another protected, wherever it is installed.
    /// </summary>
    public const string DataProtectionApplicationName = "Transcendence";

    /// <summary>
    /// The store chosen by <c>Storage:Provider</c> and the services behind the other ports. This is the
    /// only place that knows which store runs.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddOptions<SendLimitOptions>().Bind(configuration.GetSection(SendLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScaleOut(configuration);
        services.AddSingleton<IChannelPasswordHasher, Pbkdf2ChannelPasswordHasher>();
        services.AddSingleton<IPresenceLookup>(sp => sp.GetRequiredService<IPresenceTracker>());

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddAuthServices(configuration, storage.Provider);
        services.AddSingleton<IStoreOutages, StoreOutages>();
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

    /// <summary>
    /// Refresh token and two-factor settings, TOTP, and Data Protection (which encrypts TOTP secrets and
    /// the OAuth handshake's state and cookies). Its keys go to <c>DataProtection:KeysPath</c> when set;
    /// otherwise, on Postgres, to the <c>data_protection_keys</c> table (they survive restarts and are
    /// shared by every instance); otherwise (in-memory store) to ASP.NET Core's default place for the user
    /// running the app.
    /// </summary>
    private static IServiceCollection AddAuthServices(this IServiceCollection services, IConfiguration configuration, StorageProvider provider)
    {
        services.AddValidatedOptions<RefreshTokenOptions>(configuration, RefreshTokenOptions.Section);
        services.AddValidatedOptions<TwoFactorOptions>(configuration, TwoFactorOptions.Section);
        services.AddSingleton<ITotp, OtpNetTotp>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();

        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        if (configuration[DataProtectionKeysPathKey] is { Length: > 0 } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keysPath)));
        }
        else if (provider == StorageProvider.Postgres)
        {
            services.AddOptions<KeyManagementOptions>()
                .Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresDataProtectionKeys(dataSource));
        }

        return services;
    }

    private static IServiceCollection AddInMemoryStore(this IServiceCollection services)
    {
        services.AddSingleton<InMemoryDatabase>();
        services.AddScoped<InMemorySession>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<InMemorySession>());
        services.AddScoped<IUserRepository, InMemoryUserRepository>();
        services.AddScoped<IChannelRepository, InMemoryChannelRepository>();
        services.AddScoped<IChannelPasswordGuessRepository, InMemoryChannelPasswordGuessRepository>();
        services.AddScoped<IMessageRepository, InMemoryMessageRepository>();
        services.AddScoped<IPostingLookup, InMemoryPostingLookup>();
        services.AddScoped<IBlockLookup, InMemoryBlockLookup>();
        services.AddScoped<IRefreshTokenRepository, InMemoryRefreshTokenRepository>();
        services.AddScoped<ITwoFactorRepository, InMemoryTwoFactorRepository>();
        services.AddScoped<ILoginTicketRepository, InMemoryLoginTicketRepository>();
        services.AddScoped<IFriendshipRepository, InMemoryFriendshipRepository>();
        services.AddScoped<IAvatarStore, InMemoryAvatarStore>();
        services.AddScoped<IMatchRepository, InMemoryMatchRepository>();
        services.AddScoped<IPlayerStatsRepository, InMemoryPlayerStatsRepository>();
        services.AddSingleton<IStoreProbe, InMemoryStoreProbe>();
        return services;
    }

    private static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString)
    {
        DapperConventions.Apply();
        services.AddSingleton(_ => PostgresDataSourceFactory.Create(connectionString));
        services.AddScoped<PostgresSession>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<PostgresSession>());
        services.AddScoped<IUserRepository, PostgresUserRepository>();
        services.AddScoped<IChannelRepository, PostgresChannelRepository>();
        services.AddScoped<IChannelPasswordGuessRepository, PostgresChannelPasswordGuessRepository>();
        services.AddScoped<IMessageRepository, PostgresMessageRepository>();
        services.AddScoped<IPostingLookup, PostgresPostingLookup>();
        services.AddScoped<IBlockLookup, PostgresBlockLookup>();
        services.AddScoped<IRefreshTokenRepository, PostgresRefreshTokenRepository>();
        services.AddScoped<ITwoFactorRepository, PostgresTwoFactorRepository>();
        services.AddScoped<ILoginTicketRepository, PostgresLoginTicketRepository>();
        services.AddScoped<IFriendshipRepository, PostgresFriendshipRepository>();
        services.AddScoped<IAvatarStore, PostgresAvatarStore>();
        services.AddScoped<IMatchRepository, PostgresMatchRepository>();
        services.AddScoped<IPlayerStatsRepository, PostgresPlayerStatsRepository>();
        services.AddScoped<IStoreProbe, PostgresStoreProbe>();
        return services;
    }
}
