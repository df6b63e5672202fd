using Transcendence.Application.GameServer;
using Transcendence.Application.GameServer.Remote;

namespace Transcendence.Web.Hosting;

/// <summary>
/// Starts and stops the game server (<see cref="GameLoop"/>, its own thread) and the worker of its slow
/// follow-ups. On the way out, live games end with <c>GameEnded</c> reason <c>shutdown</c> while their players are
/// still connected, then the loop stops, then the queued follow-ups (decided results) are stored.
/// </summary>
public sealed partial class GameServerService(
    GameLoop server,
    GameFollowUps followUps,
    GameRooms rooms,
    RemoteRooms remote,
    IHostApplicationLifetime lifetime,
    ILogger<GameServerService> logger) : IHostedService
{
    /// <summary>How long the shutdown waits for the last <c>GameEnded</c> sends before SignalR closes the connections.</summary>
    private static readonly TimeSpan ShutdownSendWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A finished send is only in the connection's outgoing pipe; SignalR then aborts every connection, which
    /// drops what its transport has not written yet. A short pause lets those last bytes reach the wire.
    /// </summary>
    private static readonly TimeSpan ShutdownDrain = TimeSpan.FromMilliseconds(250);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        server.Start();
        followUps.Start();
        // Other instances' requests for this instance's rooms, and this instance's side of theirs.
        rooms.Listen();
        remote.Start();
        // SignalR closes every connection when the host starts stopping, before any hosted service stops;
        // callbacks run last registered first, so this one (registered after the hubs were mapped) ends the
        // games and sends their GameEnded while the players are still connected.
        lifetime.ApplicationStopping.Register(EndGamesForShutdown);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await server.ShutdownAsync();
        await remote.StopAsync();
        server.Stop();
        await followUps.Completion.WaitAsync(cancellationToken);
    }

    private void EndGamesForShutdown()
    {
        try
        {
            var sends = server.ShutdownAsync().GetAwaiter().GetResult();
            if (sends.Count > 0 && Task.WaitAll([.. sends], ShutdownSendWait))
            {
                Thread.Sleep(ShutdownDrain);
            }
        }
        catch (AggregateException ex)
        {
            LogShutdownSendFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling players that their games ended for the shutdown failed")]
    private partial void LogShutdownSendFailed(Exception exception);
}
