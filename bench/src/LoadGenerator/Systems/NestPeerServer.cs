using System.Diagnostics;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Systems;

/// <summary>
/// (d) bench/peers/nest-chat: a NestJS + socket.io gateway doing the same broadcast, as built by
/// bench/run.sh from its lockfile. One Node process (one core for JavaScript), as such gateways ship.
/// </summary>
public static class NestPeerServer
{
    public static Task<ServerProcess> StartAsync(BenchContext context, CancellationToken cancellationToken) =>
        NodePeer.StartAsync(context, "nest-chat", Path.Combine("dist", "main.js"), "nest-socketio", "bench/run.sh chat builds it (npm ci && npm run build)", cancellationToken);
}

/// <summary>
/// bench/peers/socketio-plain: a plain socket.io 4.8 server with nest-chat's events and payloads, no
/// framework around it, installed by bench/run.sh from its lockfile. One Node process.
/// </summary>
public static class PlainSocketIoServer
{
    public static Task<ServerProcess> StartAsync(BenchContext context, CancellationToken cancellationToken) =>
        NodePeer.StartAsync(context, "socketio-plain", "server.mjs", "socketio-plain", "bench/run.sh chat-channels installs it (npm ci)", cancellationToken);
}

/// <summary>A peer under bench/peers run by Node on 127.0.0.1:<c>$PORT</c>, ready when <c>GET /health</c> answers.</summary>
public static class NodePeer
{
    public static Task<ServerProcess> StartAsync(
        BenchContext context, string peer, string entry, string name, string howToBuild, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(context.PeersDirectory, peer);
        var script = Path.Combine(directory, entry);
        if (!File.Exists(script) || !Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new FileNotFoundException($"{script} or its node_modules is missing: {howToBuild} in {directory}");
        }

        var port = FreePort.Next();
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory };
        start.ArgumentList.Add(script);
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["NODE_ENV"] = "production";
        return ServerProcess.StartAsync($"{name}-{port}", start, new Uri($"http://127.0.0.1:{port}"), "/health", context.LogDirectory, cancellationToken);
    }
}
