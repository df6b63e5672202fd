using System.Net.Http.Json;

namespace Transcendence.LoadGenerator.Scenarios.Game;

/// <summary>The app's own game-loop accounting: <c>/diagnostics/game-loop</c> (on with <c>Diagnostics:Enabled</c>).</summary>
public sealed class GameLoopDiagnostics(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task ResetAsync(CancellationToken ct)
    {
        using var response = await _http.PostAsync("/diagnostics/game-loop/reset", null, ct);
        response.EnsureSuccessStatusCode();
    }

    public async Task<GameLoopReading> ReadAsync(CancellationToken ct) =>
        await _http.GetFromJsonAsync<GameLoopReading>("/diagnostics/game-loop", ct) ?? throw new InvalidOperationException("no game-loop diagnostics");

    public void Dispose() => _http.Dispose();
}

public sealed record GameLoopReading(long Ticks, int PlayingRooms, LatenessReading LatenessMs, long DroppedTicks);

public sealed record LatenessReading(double P50, double P99, double P999, double Max);
