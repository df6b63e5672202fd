using Transcendence.Application.Games;
using Transcendence.Infrastructure;
using Transcendence.Web.Hosting;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Composition;

internal static class GameSetup
{
    /// <summary>
    /// The game's process state and workers: <c>Game:QueueTimeout</c> (60 s), <c>Game:ReconnectGrace</c>
    /// (10 s), <c>Game:HeartbeatInterval</c> (3 s); the loop and its metrics, the heartbeat, the effects pump
    /// and the follow-up worker.
    /// </summary>
    public static IServiceCollection AddGames(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GameOptions>(configuration, GameOptions.Section);
        services.AddSingleton<IGameTransport, SignalRGameTransport>();
        services.AddSingleton<GameHubContexts>();
        services.AddSingleton<GameLoopMetrics>();
        services.AddSingleton<GameFollowUpWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<GameFollowUpWorker>());
        services.AddHostedService<GameEffectsPump>();
        services.AddHostedService<GameLoop>();
        services.AddHostedService<GameHeartbeat>();
        return services;
    }
}
