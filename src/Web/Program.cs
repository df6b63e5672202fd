using Transcendence.Web.Cli;
using Transcendence.Web.Composition;
using Transcendence.Web.Errors;
using Transcendence.Web.Endpoints;
using Transcendence.Web.Hubs;

var isMigrate = args.Length > 0 && args[0] == MigrateCommand.Name;

// The migrate command reads the same configuration as the app (appsettings, environment) but not the
// command line, whose flags are its own.
var builder = WebApplication.CreateBuilder(isMigrate ? [] : args);
if (isMigrate)
{
    return MigrateCommand.Run(args[1..], builder.Configuration, Console.Out, Console.Error);
}

builder.AddTranscendence();
var app = builder.Build();

// Request logging wraps everything, so it records the status the client really got.
app.UseApiRequestLogging();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // Refusals are answered, not failures: only unexpected exceptions are logged as errors.
    SuppressDiagnosticsCallback = context => ApiExceptionHandler.IsRefusal(context.Exception),
});
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// After authentication, so limits can be per user; the OAuth callback is answered before this.
app.UseRateLimiter();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseMiddleware<RequestCharsetMiddleware>();

if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
}

app.MapHealthEndpoints();
app.MapAuthEndpoints(app.Configuration);
app.MapUsersEndpoints();
app.MapChannelsEndpoints();
app.MapHub<ChatHub>(ChatHub.Path);
app.MapHub<GameHub>(GameHub.Path);
app.MapGamesEndpoints();
app.MapAvatarEndpoints();
app.MapFriendsEndpoints();
app.MapBlocksEndpoints();
app.MapDiagnosticsEndpoints(app.Configuration);

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
