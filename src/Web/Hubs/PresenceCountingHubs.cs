using Mediator;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Transcendence.Application.Presence.ConnectUser;
using Transcendence.Application.Presence.DisconnectUser;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Hubs;

/// <summary>
/// Maps a hub the way <c>MapHub</c> does, with one connection middleware in front of SignalR's handler, so
/// the hub's connection registry holds a connection for exactly as long as it is open, and presence (derived
/// from the registries) counts it that long. SignalR answers the client's handshake (which is when
/// <c>start()</c> returns) before the hub's <c>OnConnectedAsync</c> runs, so a connection recorded there trails
/// the client: a second tab whose start had returned was not counted yet when the first tab closed, and
/// friends saw the user go offline and come back. Here the connection arrives in the registry before the
/// handshake and leaves it only after SignalR (and the hub's <c>OnDisconnectedAsync</c>) is done with it; when
/// that is the user's first arrival on this instance or last departure (either hub), presence hears it.
/// </summary>
internal static class PresenceCountingHubs
{
    public static ConnectionEndpointRouteBuilder MapHubCountingPresence<THub>(
        this IEndpointRouteBuilder endpoints, string pattern, Action<HttpConnectionDispatcherOptions>? configureOptions = null)
        where THub : Hub
    {
        var services = endpoints.ServiceProvider;
        var options = new HttpConnectionDispatcherOptions
        {
            TransportSendTimeout = services.GetRequiredService<IOptions<OutgoingOptions>>().Value.SendTimeout,
        };
        configureOptions?.Invoke(options);
        var registry = (IHubConnectionRegistry)services.GetRequiredService<HubLifetimeManager<THub>>();
        var hub = endpoints.MapConnections(pattern, options, connection => connection
            .Use(next => context => HoldWhileOpenAsync(services, registry, context, next))
            .UseHub<THub>());

        // What MapHub adds: the hub's attributes ([Authorize]) and its type, as endpoint metadata.
        var attributes = typeof(THub).GetCustomAttributes(inherit: true);
        hub.Add(endpoint =>
        {
            foreach (var attribute in attributes)
            {
                endpoint.Metadata.Add(attribute);
            }

            endpoint.Metadata.Add(new HubMetadata(typeof(THub)));
        });
        return hub;
    }

    private static async Task HoldWhileOpenAsync(
        IServiceProvider services, IHubConnectionRegistry registry, ConnectionContext connection, ConnectionDelegate next)
    {
        // The endpoint requires a signed-in user, so the subject is there; without one the connection counts for nobody.
        var user = connection.Features.Get<IConnectionUserFeature>()?.User;
        var userId = Guid.TryParse(user?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id) ? id : (Guid?)null;
        var first = registry.Arrive(connection.ConnectionId, userId is null ? null : user);
        try
        {
            if (first)
            {
                // Not cancelled when the client goes: the departure below will be reported, so the arrival must be.
                await SendAsync(services, new ConnectUser(userId!.Value), CancellationToken.None);
            }

            await next(connection);
        }
        finally
        {
            if (registry.Leave(connection.ConnectionId))
            {
                await SendAsync(services, new DisconnectUser(userId!.Value), CancellationToken.None);
            }
        }
    }

    private static async Task SendAsync<TCommand>(IServiceProvider services, TCommand command, CancellationToken cancellationToken)
        where TCommand : ICommand
    {
        // Mediator and its units of work are scoped; a connection has no request scope of its own here.
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }
}
