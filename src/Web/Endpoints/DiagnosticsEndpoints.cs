using Microsoft.AspNetCore.Http.HttpResults;
using Transcendence.Web.Hosting;

namespace Transcendence.Web.Endpoints;

/// <summary>
/// For benchmarks and operations, off unless <c>Diagnostics:Enabled</c> is true (then not authenticated:
/// keep it off, or off the public network). <c>GET /diagnostics/game-loop</c> reads the loop's own
/// accounting since the last <c>POST /diagnostics/game-loop/reset</c> (or since start).
/// </summary>
internal static class DiagnosticsEndpoints
{
    public const string EnabledKey = "Diagnostics:Enabled";

    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(EnabledKey))
        {
            return app;
        }

        var diagnostics = app.MapGroup("/diagnostics").WithTags("Diagnostics").ExcludeFromDescription();
        diagnostics.MapGet("/game-loop", GetGameLoop);
        diagnostics.MapPost("/game-loop/reset", ResetGameLoop);
        return app;
    }

    private static Ok<GameLoopSnapshot> GetGameLoop(GameLoopMetrics metrics) => TypedResults.Ok(metrics.Snapshot());

    private static NoContent ResetGameLoop(GameLoopMetrics metrics)
    {
        metrics.Reset();
        return TypedResults.NoContent();
    }
}
