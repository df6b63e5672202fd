using Microsoft.AspNetCore.SignalR;

namespace Transcendence.BareServer;

/// <summary>
/// Joins a group and broadcasts to it, with the same payload shape as the app's <c>MessageReceived</c>
/// so both put the same bytes on the wire. No auth, no checks, no store.
/// </summary>
public sealed class BroadcastHub : Hub
{
    public const string Path = "/hubs/bare";

    public async Task Join(string room, Guid userId, string displayName)
    {
        Context.Items["sender"] = new Sender(userId, displayName);
        await Groups.AddToGroupAsync(Context.ConnectionId, room);
    }

    public async Task<Sent> Send(string room, string text, string clientMessageId)
    {
        var sent = new Sent(Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var sender = (Sender)Context.Items["sender"]!;
        await Clients.Group(room).SendAsync("MessageReceived", new Message(room, sent.MessageId, sender, text, sent.SentAt, clientMessageId));
        return sent;
    }

    public sealed record Sender(Guid Id, string DisplayName);

    public sealed record Sent(Guid MessageId, DateTimeOffset SentAt);

    public sealed record Message(string ChannelId, Guid MessageId, Sender Sender, string Text, DateTimeOffset SentAt, string ClientMessageId);
}
