using System.Diagnostics;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Systems;

public enum Store
{
    InMemory,
    Postgres,
}

/// <summary>
/// The app itself (the Release build of src/Web) as a Production process with dev-login on, the chat and
/// auth limits raised out of the way (they are per user and per IP, and one load generator is all the
/// users on one IP), and logging at warnings: the real path, minus the console.
/// </summary>
public static class TranscendenceServer
{
    public const string SigningKey = "benchmark-signing-key-0123456789-0123456789-0123456789";

    public static async Task<ServerProcess> StartAsync(
        BenchContext context,
        Store store,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(context.WebAssembly)! };
        start.ArgumentList.Add(context.WebAssembly);
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = baseAddress.ToString(),
            ["Storage__Provider"] = store.ToString(),
            ["Auth__DevLogin__Enabled"] = "true",
            ["Auth__Jwt__SigningKey"] = SigningKey,
            ["Auth__Jwt__AccessTokenLifetime"] = "12:00:00",
            ["Auth__RateLimits__DevLogin__PermitLimit"] = "10000000",
            ["Auth__RateLimits__Refresh__PermitLimit"] = "10000000",
            ["Chat__SendLimit__Messages"] = "10000000",
            // SendMessage falls under the default hub method limit; the chat scenario sends far faster than people.
            ["Hubs__RateLimits__Default__TokenLimit"] = "10000000",
            ["Hubs__RateLimits__Default__TokensPerPeriod"] = "10000000",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Warning",
            ["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Warning",
            ["DataProtection__KeysPath"] = Path.Combine(context.LogDirectory, $"keys-{port}"),
        };
        // A caller that needs the database too (the HTTP scenario's floor reads it) makes it and passes it in.
        if (store == Store.Postgres)
        {
            settings["ConnectionStrings__Postgres"] = extraSettings?.GetValueOrDefault("ConnectionStrings__Postgres")
                ?? await BenchPostgres.CreateDatabaseAsync();
            settings["Database__MigrateOnStartup"] = "true";
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return await ServerProcess.StartAsync(
            $"transcendence-{store.ToString().ToLowerInvariant()}-{port}", start, baseAddress, "/health/ready", context.LogDirectory, cancellationToken);
    }
}
