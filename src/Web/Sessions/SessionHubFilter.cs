using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Transcendence.Web.Endpoints;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Sessions;

/// <summary>
/// Refuses a connection over <see cref="HubConnectionLimitOptions.MaxConnectionsPerUser"/> on its hub, counted in
/// the hub's connection registry (<see cref="IHubConnectionRegistry"/>, which also finds a login's connections
/// when it ends): the refusal closes it with <c>too_many_connections: …</c> before the hub sets anything up for it.
/// </summary>
public sealed class SessionHubFilter(
    IEnumerable<IHubConnectionRegistry> registries,
    SessionCheck sessions,
    IOptions<HubConnectionLimitOptions> limits) : IHubFilter
{
    public const string TooManyConnections = "too_many_connections";

    private readonly Dictionary<string, IHubConnectionRegistry> _registries = registries.ToDictionary(r => r.Hub, StringComparer.Ordinal);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        var max = limits.Value.MaxConnectionsPerUser;
        // The registry recorded the connection when SignalR handed it over, before this filter runs.
        if (!_registries[context.Hub.GetType().Name].TryAdmit(caller.ConnectionId, max))
        {
            throw new HubException(
                $"{TooManyConnections}: you already hold {max} open connections to this hub; close one (another tab or device) and connect again");
        }

        // The login may have been revoked after its token was checked and before the connection was
        // recorded; a revocation after this point finds the connection recorded and closes it.
        if (sessions.IsKnownRevoked(caller.User!.SessionId()))
        {
            throw new HubException("auth.invalid_token: this login has ended; sign in again");
        }

        await next(context);
    }
}
