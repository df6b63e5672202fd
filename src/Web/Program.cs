using Transcendence.Web.Cli;
using Transcendence.Web.Composition;
using Transcendence.Web.Errors;
using Transcendence.Web.Endpoints;
using Transcendence.Web.Hubs;

if (args.Length > 0 && HelpCommand.Names.Contains(args[0]))
{
    Console.Out.WriteLine(HelpCommand.Usage);
    return 0;
}

if (args.Length > 0 && args[0] == HubSurfaceCommand.Name)
{
    return HubSurfaceCommand.Run(args[1..], Console.Out, Console.Error);
}

var isMigrate = args.Length > 0 && args[0] == MigrateCommand.Name;
var isSeed = args.Length > 0 && args[0] == SeedCommand.Name;
if (!isMigrate && !isSeed && HelpCommand.IsUnknownCommand(args))
{
    Console.Error.WriteLine($"unknown command '{args[0]}'");
    Console.Error.WriteLine(HelpCommand.Usage);
    return 2;
}

// The migrate and seed commands read the same configuration as the app (appsettings, environment) but
// not the command line, whose flags are their own.
var builder = WebApplication.CreateBuilder(isMigrate || isSeed ? [] : args);
if (isMigrate)
{
    return MigrateCommand.Run(args[1..], builder.Configuration, Console.Out, Console.Error);
}

builder.UseDefaultUrls();
builder.AddTranscendence();
if (isSeed)
{
    return await SeedCommand.RunAsync(args[1..], builder, Console.Out, Console.Error);
}

if (builder.Configuration.GetValue<bool>(SeedCommand.OnStartupKey))
{
    builder.Services.AddHostedService<DemoSeedOnStartup>();
}

var app = builder.Build();

// First: everything after it (logs, rate limits, the OAuth redirect_uri) sees the client the proxy saw.
app.UseConfiguredForwardedHeaders();
// Request logging wraps everything, so it records the status the client really got.
app.UseApiRequestLogging();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // Refusals are answered, not failures: only unexpected exceptions are logged as errors.
    SuppressDiagnosticsCallback = context => ApiExceptionHandler.IsRefusal(context.Exception),
});
app.UseStatusCodePages();
app.UseClient();
app.UseAuthentication();
app.UseAuthorization();
// After authentication, so limits can be per user; the OAuth callback is answered before this.
app.UseRateLimiter();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseMiddleware<RequestCharsetMiddleware>();

app.MapApiDocument();
app.MapHealthEndpoints();
app.MapAuthEndpoints(app.Configuration);
app.MapUsersEndpoints();
app.MapChannelsEndpoints();
// A connection ends when its access token expires; the client reconnects with a fresh one.
app.MapHubCountingPresence<ChatHub>(ChatHub.Path, options => options.CloseOnAuthenticationExpiration = true);
app.MapHubCountingPresence<GameHub>(GameHub.Path, options => options.CloseOnAuthenticationExpiration = true);
app.MapGamesEndpoints();
app.MapAvatarEndpoints();
app.MapFriendsEndpoints();
app.MapBlocksEndpoints();
app.MapTelemetryEndpoints();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
