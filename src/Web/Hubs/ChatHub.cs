using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Presence.ConnectUser;
using Transcendence.Application.Presence.DisconnectUser;
using Transcendence.Web.Endpoints;

namespace Transcendence.Web.Hubs;

/// <summary>
/// <c>/hubs/chat</c>: live chat traffic. Every method turns its arguments into a command; the rules are in
/// the domain and the errors are mapped by <see cref="HubErrorFilter"/>. See docs/hubs.md.
/// </summary>
[Authorize]
public sealed class ChatHub(ISender sender) : Hub
{
    public const string Path = "/hubs/chat";

    public override async Task OnConnectedAsync()
    {
        await sender.Send(new ConnectUser(Context.User!.UserId(), Context.ConnectionId), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await sender.Send(new DisconnectUser(Context.User!.UserId(), Context.ConnectionId), CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }
}
