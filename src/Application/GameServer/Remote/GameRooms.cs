using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;

namespace Transcendence.Application.GameServer.Remote;

/// <summary>
/// The one way to a live room, wherever it runs: a <see cref="RoomRequest"/> goes to the room's owner (the
/// <see cref="IGameDirectory"/> says which instance) — this instance's own <see cref="GameLoop"/>, or another's
/// through the <see cref="IInstanceRelay"/> — and its answer or coded refusal comes back as on one instance. It
/// also serves what other instances ask and tell this one's rooms (<see cref="Listen"/>). An owner that does not
/// answer within <see cref="AskTimeout"/> is <c>game.unavailable</c>.
/// </summary>
public sealed partial class GameRooms(GameLoop loop, IGameDirectory directory, IInstanceRelay relay, ILogger<GameRooms> logger)
{
    /// <summary>How long a caller waits for another instance's loop (it answers within a tick or two when alive).</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Instances found dead: their rooms are gone.
    private readonly ConcurrentDictionary<string, bool> _dead = new(StringComparer.Ordinal);

    /// <summary>This instance's name, the owner of the rooms it opens.</summary>
    public string Here => directory.InstanceId;

    /// <summary>Whether other instances run rooms too.</summary>
    public bool ScaledOut => relay.ReachesOtherInstances;

    /// <summary>The instance that owns the room; <c>game.not_found</c> when no open room has that id.</summary>
    public async Task<string> OwnerOfAsync(Guid roomId, CancellationToken cancellationToken) =>
        await directory.OwnerOfAsync(roomId, cancellationToken) ?? throw Domain.Games.GameErrors.RoomNotFound(roomId);

    /// <summary>Runs the request on the room's owner.</summary>
    public async Task AskAsync(Guid roomId, RoomRequest request, CancellationToken cancellationToken) =>
        await AskAsync<object>(await OwnerOfAsync(roomId, cancellationToken), request, cancellationToken);

    /// <summary>Runs the request on <paramref name="owner"/>'s loop and answers its result.</summary>
    public async Task<T?> AskAsync<T>(string owner, RoomRequest request, CancellationToken cancellationToken)
    {
        if (owner == Here)
        {
            return (T?)await loop.ChangeAsync(lobby => request.Apply(lobby), cancellationToken);
        }

        // An owner found dead is asked no more while its lease stays lapsed (an id may come back with a restart).
        if (_dead.ContainsKey(owner))
        {
            if ((await directory.DeadAmongAsync([owner], cancellationToken)).Count > 0)
            {
                throw GameServerErrors.RoomGone();
            }

            _dead.TryRemove(owner, out _);
        }

        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = await relay.AskAsync(owner, JsonSerializer.SerializeToUtf8Bytes(request, Json), AskTimeout, cancellationToken);
        }
        catch (InstanceUnavailableException)
        {
            // A dead owner's rooms are gone for good; a live one that did not answer may answer a moment later.
            if ((await directory.DeadAmongAsync([owner], cancellationToken)).Count > 0)
            {
                InstanceDied(owner);
                throw GameServerErrors.RoomGone();
            }

            throw GameServerErrors.Unavailable();
        }

        var reply = JsonSerializer.Deserialize<RoomReply>(bytes.Span, Json)!;
        if (reply.Code is { } code)
        {
            throw new DomainException(code, reply.Kind, reply.Message ?? code);
        }

        return reply.Result is { } result ? result.Deserialize<T>(Json) : default;
    }

    /// <summary>The instance's lease lapsed: its rooms are gone, calls about them are refused without waiting for it.</summary>
    public void InstanceDied(string instance) => _dead.TryAdd(instance, true);

    /// <summary>Tells the owner without waiting (paddle inputs, audience): in order with everything else sent to it.</summary>
    public void Tell(string owner, RoomTell message)
    {
        if (owner == Here)
        {
            Hear(owner, message);
        }
        else
        {
            relay.Tell(owner, JsonSerializer.SerializeToUtf8Bytes(message, Json));
        }
    }

    /// <summary>From now on, other instances' requests and messages for this instance's rooms are served (at start).</summary>
    public void Listen() => relay.Listen(ServeAsync, (from, bytes) => Hear(from, JsonSerializer.Deserialize<RoomTell>(bytes.Span, Json)!));

    private async Task<ReadOnlyMemory<byte>> ServeAsync(string from, ReadOnlyMemory<byte> bytes)
    {
        RoomReply reply;
        try
        {
            var request = JsonSerializer.Deserialize<RoomRequest>(bytes.Span, Json)!;
            var result = await loop.ChangeAsync(lobby => request.Apply(lobby));
            reply = new RoomReply(result is null ? null : JsonSerializer.SerializeToElement(result, result.GetType(), Json), null, default, null);
        }
        catch (DomainException ex)
        {
            reply = new RoomReply(null, ex.Code, ex.Kind, ex.Message);
        }
        catch (OperationCanceledException)
        {
            var unavailable = GameServerErrors.Unavailable();
            reply = new RoomReply(null, unavailable.Code, unavailable.Kind, unavailable.Message);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Another version of the app, or a bug: refused like any bad input, and said in the log.
            LogBadRequest(ex, from);
            reply = new RoomReply(null, "validation", ErrorKind.Invalid, "the request for this room could not be read");
        }

        return JsonSerializer.SerializeToUtf8Bytes(reply, Json);
    }

    private void Hear(string from, RoomTell message)
    {
        switch (message)
        {
            case Steer steer:
                loop.TrySteer(steer.UserId, steer.RoomId, steer.Input);
                break;
            case AudienceChange change:
                loop.AudienceChanged(change.RoomId, change.UserId, from, change.Present);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A game request from instance {From} could not be read")]
    private partial void LogBadRequest(Exception exception, string from);

    /// <summary>The owner's answer: a result (JSON) or a refusal's code, kind and sentence.</summary>
    private sealed record RoomReply(JsonElement? Result, string? Code, ErrorKind Kind, string? Message);
}
