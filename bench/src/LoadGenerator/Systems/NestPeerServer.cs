using System.Diagnostics;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Systems;

/// <summary>
/// (d) bench/peers/nest-chat: a NestJS + socket.io gateway doing the same broadcast, as built by
/// bench/run.sh from its lockfile. One Node process (one core for JavaScript), as such gateways ship.
/// </summary>
public static class NestPeerServer
{
    public static Task<ServerProcess> StartAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(context.PeersDirectory, "nest-chat");
        var entry = Path.Combine(directory, "dist", "main.js");
        if (!File.Exists(entry))
        {
            throw new FileNotFoundException($"{entry} is missing: bench/run.sh chat builds it (npm ci && npm run build in {directory})");
        }

        var port = FreePort.Next();
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory };
        start.ArgumentList.Add(entry);
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["NODE_ENV"] = "production";
        return ServerProcess.StartAsync($"nest-socketio-{port}", start, new Uri($"http://127.0.0.1:{port}"), "/health", context.LogDirectory, cancellationToken);
    }
}
