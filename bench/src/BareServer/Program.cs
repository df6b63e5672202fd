using Npgsql;
using Transcendence.BareServer;

// The framework's floor: nothing between the socket and the group broadcast. Logging is kept to warnings,
// as it is for the app under test.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR();

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapHub<BroadcastHub>(BroadcastHub.Path);

// The HTTP floor, only when given the app's database (ConnectionStrings__Floor).
await using var floorDb = builder.Configuration.GetConnectionString("Floor") is { Length: > 0 } floor
    ? NpgsqlDataSource.Create(floor)
    : null;
if (floorDb is not null)
{
    app.MapFloorEndpoints(floorDb);
}

app.Run();
