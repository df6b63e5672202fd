using Transcendence.Application.Games;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Hosting;

/// <summary>
/// Every <c>Game:HeartbeatInterval</c> (on the app's <see cref="TimeProvider"/>) sends <c>Ping {seq}</c> to
/// every game connection; one that has not answered the previous ping by then is lost, and when it was its
/// user's last game connection the user is lost to their rooms (the room decides what that means by phase).
/// A lost connection is closed, so its client knows to reconnect.
/// </summary>
public sealed partial class GameHeartbeat(
    GameConnections connections,
    GameLobby lobby,
    GameOutbox outbox,
    GameHubContexts contexts,
    GameOptions options,
    TimeProvider clock,
    ILogger<GameHeartbeat> logger)
    : BackgroundService
{
    private PeriodicTimer? _timer;

    /// <summary>
    /// The timer starts with the host, not whenever <see cref="ExecuteAsync"/> gets a thread, so the first
    /// beat is one interval after start-up on the app's clock.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(options.HeartbeatInterval, clock);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer!;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var round = connections.Beat();
                var effects = new List<GameEffect>();
                foreach (var userId in round.LostUsers)
                {
                    effects.AddRange(lobby.ConnectionLost(userId));
                }

                // The lobby heard above; presence forgets each one when it has closed, like any connection.
                foreach (var lost in round.LostConnections)
                {
                    contexts.Abort(lost.ConnectionId);
                }

                foreach (var connectionId in round.Pinged)
                {
                    effects.Add(new SendToConnection(connectionId, GameEvents.Ping, new PingEvent(round.Seq)));
                }

                outbox.Post(effects);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHeartbeatFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A heartbeat round failed; the next one retries")]
    private partial void LogHeartbeatFailed(Exception exception);
}
