using Transcendence.Application.Channels;
using Transcendence.Application.GameServer;
using Transcendence.Application.Presence;

namespace Transcendence.Application.Common.Realtime;

/// <summary>An event a hub sends: its name, the payload type it always carries, and who gets it.</summary>
public sealed record HubEventDeclaration(string Hub, string Name, Type Payload, string Audience);

/// <summary>
/// Every server → client event of the two hubs, with its payload type: the transports refuse to send an event
/// that is not declared here with that payload (so this list cannot drift from what is sent), and the
/// hub surface document (docs/hubs.json) is generated from it.
/// </summary>
public static class HubEvents
{
    public const string ChatHub = "chat";
    public const string GameHub = "game";

    public static readonly IReadOnlyList<HubEventDeclaration> All =
    [
        new(ChatHub, ChatEvents.MessageReceived, typeof(MessageView), "every member's connections except members who block the sender"),
        new(ChatHub, ChatEvents.MemberJoined, typeof(MemberJoinedEvent), "the channel"),
        new(ChatHub, ChatEvents.MemberLeft, typeof(MemberLeftEvent), "the channel"),
        new(ChatHub, ChatEvents.ChannelUpdated, typeof(ChannelUpdatedEvent), "the channel"),
        new(ChatHub, ChatEvents.Notice, typeof(NoticeEvent), "the channel, and once to the target user"),
        new(ChatHub, PresenceChanged.EventName, typeof(PresenceChanged), "the user's friends"),
        new(ChatHub, ChatEvents.Signal, typeof(SignalEvent), "every connection of the target user"),
        new(GameHub, GameEvents.Matched, typeof(MatchedEvent), "both players"),
        new(GameHub, GameEvents.RoomUpdated, typeof(RoomUpdatedEvent), "players and spectators, on every change"),
        new(GameHub, GameEvents.QueueTimedOut, typeof(RoomRef), "the waiting player"),
        new(GameHub, GameEvents.Invited, typeof(InvitedEvent), "the invitee"),
        new(GameHub, GameEvents.InviteDeclined, typeof(RoomRef), "host and invitee"),
        new(GameHub, GameEvents.InviteCanceled, typeof(RoomRef), "host and invitee"),
        new(GameHub, GameEvents.State, typeof(StateEvent), "players and spectators, every tick"),
        new(GameHub, GameEvents.Scored, typeof(ScoredEvent), "players and spectators"),
        new(GameHub, GameEvents.PlayerLeft, typeof(PlayerLeftEvent), "the others in the room"),
        new(GameHub, GameEvents.GameEnded, typeof(GameEndedEvent), "players and spectators"),
        new(GameHub, GameEvents.Ping, typeof(PingEvent), "every game connection"),
    ];

    /// <summary>The codes a hub method may fail with (<c>code: sentence</c>).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Codes = new Dictionary<string, IReadOnlyList<string>>
    {
        [ChatHub] = ["validation", "channel.not_found", "channel.not_member", "chat.muted", "rate_limited", "channel.forbidden", "user.not_found", "user.blocked", "unavailable", "internal"],
        [GameHub] = ["validation", "game.busy", "game.blocked", "game.not_found", "game.not_invited", "game.not_host", "game.not_in_room", "game.wrong_phase", "game.already_in_room", "game.unavailable", "user.not_found", "rate_limited", "unavailable", "internal"],
    };

    private static readonly HashSet<(string Hub, string Name, Type Payload)> Declared = [.. All.Select(e => (e.Hub, e.Name, e.Payload))];

    /// <summary>Throws when <paramref name="eventName"/> with this payload is not declared for <paramref name="hub"/>: a bug, caught by any test that sends it.</summary>
    public static void EnsureDeclared(string hub, string eventName, object payload)
    {
        if (!Declared.Contains((hub, eventName, payload.GetType())))
        {
            throw new InvalidOperationException(
                $"the {hub} hub event '{eventName}' with a {payload.GetType().Name} payload is not declared in {nameof(HubEvents)}.{nameof(All)}");
        }
    }
}
