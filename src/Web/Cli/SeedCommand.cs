using Transcendence.Infrastructure;

namespace Transcendence.Web.Cli;

/// <summary>
/// <c>seed</c>: fills the configured PostgreSQL store with the demo data of <see cref="DemoSeed"/> (after
/// <c>migrate</c>); idempotent. The in-memory store lives in the serving process, so there the switch is
/// <c>Seed:Demo=true</c>, which seeds at start-up (on either store).
/// </summary>
internal static class SeedCommand
{
    public const string Name = "seed";
    public const string OnStartupKey = "Seed:Demo";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, WebApplicationBuilder builder, TextWriter output, TextWriter error)
    {
        if (args.Count > 0)
        {
            error.WriteLine(args[0] is "--help" or "-h" ? "usage: seed" : $"seed: unexpected argument '{args[0]}'");
            return args[0] is "--help" or "-h" ? 0 : 2;
        }

        if (builder.Configuration.GetValue<StorageProvider>("Storage:Provider") != StorageProvider.Postgres)
        {
            error.WriteLine($"seed: the in-memory store lives in the serving process; start the app with {OnStartupKey}=true "
                + "(Seed__Demo=true) instead, or set Storage__Provider=Postgres and ConnectionStrings__Postgres");
            return 2;
        }

        await using var app = builder.Build();
        try
        {
            var summary = await new DemoSeed(app.Services.GetRequiredService<IServiceScopeFactory>()).RunAsync(output, CancellationToken.None);
            output.WriteLine($"seeded: {summary.Users} users, {summary.Channels} channels, {summary.Messages} messages, {summary.Matches} matches (a second run adds nothing)");
            return 0;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            error.WriteLine($"seed: {ex.Message} (is the database reachable and migrated? run migrate first)");
            return 1;
        }
    }
}

/// <summary><c>Seed:Demo=true</c>: the demo data at start-up, after any start-up migration.</summary>
internal sealed class DemoSeedOnStartup(IServiceScopeFactory scopes, ILogger<DemoSeedOnStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        await new DemoSeed(scopes).RunAsync(output, cancellationToken);
        logger.LogInformation("Demo data seeded: {Summary}", output.ToString().ReplaceLineEndings("; ").TrimEnd(' ', ';'));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
