using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Infrastructure;
using Transcendence.Web.Hosting;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Composition;

internal static class GameSetup
{
    /// <summary>
    /// The game server (<c>src/Application/GameServer</c>) over the game hub, and the one hosted service that
    /// starts and stops it: <c>Game:QueueTimeout</c> (60 s), <c>Game:ReconnectGrace</c> (10 s),
    /// <c>Game:HeartbeatInterval</c> (3 s).
    /// </summary>
    public static IServiceCollection AddGames(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GameOptions>(configuration, GameOptions.Section);
        services.AddSingleton<SignalRGameTransport>();
        services.AddSingleton<IGameTransport>(sp => sp.GetRequiredService<SignalRGameTransport>());
        services.AddSingleton<IGroupAudience<Hubs.GameHub>, GameRoomAudience>();
        services.AddHostedService<GameServerService>();
        return services;
    }
}
