using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Transcendence.LoadGenerator.Clients;

/// <summary>
/// SignalR client connections as a browser would hold them, minus the negotiate round trip: WebSockets
/// only, JSON protocol, the bearer token in the query string (what <c>accessTokenFactory</c> does).
/// </summary>
public static class HubConnections
{
    public static HubConnection Build(Uri baseAddress, string path, string? accessToken)
    {
        return new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                if (accessToken is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }
            })
            .Build();
    }

    /// <summary>Starts many connections, a few at a time, so the server's accept queue never overflows.</summary>
    public static async Task StartManyAsync(IReadOnlyList<HubConnection> connections, CancellationToken ct, int parallelism = 32) =>
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (connection, token) => await connection.StartAsync(token));

    public static async Task DisposeManyAsync(IEnumerable<HubConnection> connections) =>
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (connection, _) => await connection.DisposeAsync());
}
