using Transcendence.Application.Games;
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
        var options = configuration.GetSection(GameOptions.Section).Get<GameOptions>() ?? new GameOptions();
        if (options.QueueTimeout <= TimeSpan.Zero || options.ReconnectGrace < TimeSpan.Zero || options.HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Game:QueueTimeout and Game:HeartbeatInterval must be positive and Game:ReconnectGrace not negative");
        }

        services.AddSingleton(options);
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
