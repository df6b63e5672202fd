namespace Transcendence.Web.Cli;

/// <summary><c>--help</c> (or <c>-h</c>, <c>help</c>): what the executable can do, without starting anything.</summary>
internal static class HelpCommand
{
    public static readonly string[] Names = ["--help", "-h", "help"];

    public const string Usage = """
        Transcendence backend (ASP.NET Core, .NET 10)

        usage:
          Transcendence.Web [--Key=Value ...]        serve HTTP and the SignalR hubs (the default)
          Transcendence.Web migrate [--connection <cs>] [--status] [--dry-run]
                                                     create or upgrade the PostgreSQL schema
          Transcendence.Web seed                     demo users, friendships, channels, messages and matches on PostgreSQL
                                                     (idempotent; the in-memory store: serve with Seed:Demo=true)
          Transcendence.Web hub-surface [--output <file>]
                                                     the SignalR hubs' methods, events, types and codes as JSON (docs/hubs.json)
          Transcendence.Web --help                   this text
          (from a clone: dotnet run --project src/Web -- <arguments>)

        serving:
          listens on ASPNETCORE_URLS (or --urls, or Urls in appsettings.json; default http://localhost:5080)
          configuration: appsettings.json, appsettings.{Environment}.json, the environment (Storage__Provider=Postgres)
          and --Key=Value arguments (--Storage:Provider=Postgres); every key is in the README
          docs: /openapi/v1.json and /scalar on the running app; docs/api.md and docs/hubs.md in the repository

        exit codes: 0 success, 1 failure, 2 usage error
        """;

    /// <summary>A first argument that is neither a command, an option nor a Key=Value setting is a usage error.</summary>
    public static bool IsUnknownCommand(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal);
}
