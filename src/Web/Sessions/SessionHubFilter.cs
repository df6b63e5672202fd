using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Transcendence.Web.Endpoints;

namespace Transcendence.Web.Sessions;

/// <summary>
/// Records every hub connection under its login and user (<see cref="HubConnectionRegistry"/>), and
/// refuses a connection over <see cref="HubConnectionLimitOptions.MaxConnectionsPerUser"/> on its hub: the
/// refusal closes it with <c>too_many_connections: …</c> before the hub sets anything up for it.
/// </summary>
public sealed class SessionHubFilter(
    HubConnectionRegistry connections,
    SessionCheck sessions,
    IOptions<HubConnectionLimitOptions> limits) : IHubFilter
{
    public const string TooManyConnections = "too_many_connections";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        var (hub, userId, sessionId) = Keys(context);
        var max = limits.Value.MaxConnectionsPerUser;
        if (!connections.TryAdd(hub, userId, sessionId, caller, max))
        {
            throw new HubException(
                $"{TooManyConnections}: you already hold {max} open connections to this hub; close one (another tab or device) and connect again");
        }

        try
        {
            // The login may have been revoked after its token was checked and before the connection was
            // recorded; a revocation after this point finds the connection recorded and closes it.
            if (sessions.IsKnownRevoked(sessionId))
            {
                throw new HubException("auth.invalid_token: this login has ended; sign in again");
            }

            await next(context);
        }
        catch
        {
            // SignalR does not run OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            connections.Remove(hub, userId, sessionId, caller);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        var (hub, userId, sessionId) = Keys(context);
        connections.Remove(hub, userId, sessionId, context.Context);
        await next(context, exception);
    }

    private static (string Hub, Guid UserId, Guid SessionId) Keys(HubLifetimeContext context) =>
        (context.Hub.GetType().Name, context.Context.User!.UserId(), context.Context.User!.SessionId());
}
