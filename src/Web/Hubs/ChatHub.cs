using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Channels;
using Transcendence.Application.Channels.RelaySignal;
using Transcendence.Application.Channels.SendMessage;
using Transcendence.Application.Channels.JoinChannelGroups;
using Transcendence.Web.Endpoints;

namespace Transcendence.Web.Hubs;

/// <summary>
/// <c>/hubs/chat</c>: live chat traffic. Every method turns its arguments into a command; the rules are in
/// the domain and the errors are mapped by <see cref="HubErrorFilter"/>. See docs/hubs.md. Presence is
/// derived from the hubs' connection registries, which hold the whole connection
/// (<see cref="PresenceCountingHubs"/>), not here.
/// </summary>
[Authorize]
public sealed class ChatHub(ISender sender) : Hub
{
    public const string Path = "/hubs/chat";

    public override async Task OnConnectedAsync()
    {
        await sender.Send(new JoinChannelGroups(Context.User!.UserId(), Context.ConnectionId), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>
    /// Says something in a channel. Text 1–2000 characters; the same <paramref name="clientMessageId"/>
    /// sent twice is stored and delivered once and returns the same <c>{messageId, sentAt}</c>.
    /// </summary>
    public async Task<SentMessage> SendMessage(Guid channelId, string text, string clientMessageId) =>
        await sender.Send(new SendMessage(Context.User!.UserId(), channelId, text, clientMessageId), Context.ConnectionAborted);

    /// <summary>
    /// WebRTC signalling relay: <paramref name="kind"/> is offer, answer, candidate or hangup;
    /// <paramref name="payload"/> is opaque JSON of at most 16 KiB, delivered as <c>Signal</c> to every
    /// connection of the target.
    /// </summary>
    public async Task Signal(Guid targetUserId, string kind, JsonElement payload) =>
        await sender.Send(new RelaySignal(Context.User!.UserId(), targetUserId, kind, payload), Context.ConnectionAborted);
}
