using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Presence;
using Transcendence.Application.Auth;
using Transcendence.Application.Users.FindOrCreateUser;

namespace Transcendence.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Validators and application services. Mediator itself (handlers and the pipeline) is registered by
    /// the composition root, where its source generator runs.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Singletons: a validator builds its rule tree in its constructor, which cost more than the rest of
        // a chat send together when it ran per call (bench/, chat fan-out profile). None has dependencies.
        services.AddValidatorsFromAssemblyContaining<UserProvisioner>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<UserProvisioner>();
        services.AddScoped<IPresenceAudience, PresenceAudience>();
        services.AddScoped<Channels.Moderation>();
        services.AddScoped<RealtimeOutbox>();
        services.AddScoped<IRealtimeNotifier>(sp => sp.GetRequiredService<RealtimeOutbox>());
        services.AddScoped<SessionIssuer>();
        services.AddScoped<TwoFactorCodeCheck>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GameServer.GameLobby>();
        services.AddSingleton<GameServer.PlayerConnections>();
        services.AddSingleton<GameServer.GameLoopMetrics>();
        services.AddSingleton<GameServer.GameLoop>();
        services.AddSingleton<GameServer.GameFollowUps>();
        services.AddSingleton<GameServer.Remote.GameRooms>();
        services.AddSingleton<GameServer.Remote.RemoteRooms>();
        services.AddSingleton<Channels.RelaySignal.ISignalPeers, GameServer.GameRoomPeers>();
        return services;
    }
}
