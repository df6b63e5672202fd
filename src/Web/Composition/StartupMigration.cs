using Transcendence.Infrastructure;
using Transcendence.Infrastructure.Persistence.Migrations;

namespace Transcendence.Web.Composition;

/// <summary>
/// With <c>Database:MigrateOnStartup</c> on the Postgres store, applies pending scripts before the app
/// serves its first request; a failed script stops the start.
/// </summary>
internal sealed class StartupMigration(IConfiguration configuration, ILogger<StartupMigration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var outcome = DatabaseMigrator.Migrate(DependencyInjection.PostgresConnectionString(configuration));
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"migration {outcome.FailedScript} failed: {outcome.Error}");
        }

        foreach (var script in outcome.Applied)
        {
            logger.LogInformation("Applied migration {Script}", script);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
