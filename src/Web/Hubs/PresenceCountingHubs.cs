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
/// presence counts a connection for exactly as long as it is open. SignalR answers the client's handshake
/// (which is when <c>start()</c> returns) before the hub's <c>OnConnectedAsync</c> runs, so a count made there
/// trails the client: a second tab whose start had returned was not counted yet when the first tab closed,
/// and friends saw the user go offline and come back. Here the count is made before the handshake and
/// dropped only after SignalR (and the hub's <c>OnDisconnectedAsync</c>) is done with the connection.
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
        var hub = endpoints.MapConnections(pattern, options, connection => connection
            .Use(next => context => CountWhileOpenAsync(services, context, next))
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

    private static async Task CountWhileOpenAsync(IServiceProvider services, ConnectionContext connection, ConnectionDelegate next)
    {
        // The endpoint requires a signed-in user, so the subject is there; without one there is nothing to count.
        var subject = connection.Features.Get<IConnectionUserFeature>()?.User?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        if (!Guid.TryParse(subject, out var userId))
        {
            await next(connection);
            return;
        }

        await SendAsync(services, new ConnectUser(userId, connection.ConnectionId), connection.ConnectionClosed);
        try
        {
            await next(connection);
        }
        finally
        {
            await SendAsync(services, new DisconnectUser(userId, connection.ConnectionId), CancellationToken.None);
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
