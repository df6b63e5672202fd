using Transcendence.Domain.Common;

namespace Transcendence.Domain.Games;

/// <summary>The refusals of the game slice, each with the code clients see.</summary>
public static class GameErrors
{
    public static DomainException Invalid(string reason) =>
        new("validation", ErrorKind.Invalid, reason);

    public static DomainException NotInRoom() =>
        new("game.not_in_room", ErrorKind.Forbidden, "you are not a player in this room");

    public static DomainException NotHost() =>
        new("game.not_host", ErrorKind.Forbidden, "only the host of the room may do this");

    public static DomainException NotInvited() =>
        new("game.not_invited", ErrorKind.Forbidden, "this invitation is not for you");

    public static DomainException NotAnInvitation(Guid roomId) =>
        new("game.not_found", ErrorKind.NotFound, $"there is no invitation with the id {roomId}");

    public static DomainException Blocked() =>
        new("game.blocked", ErrorKind.Forbidden, "one of the two players blocks the other");

    /// <summary>Watching is refused across a block either way, without saying which player or which way.</summary>
    public static DomainException SpectatorBlocked() =>
        new("game.blocked", ErrorKind.Forbidden, "a block stands between you and a player of this room");

    public static DomainException AlreadyInRoom() =>
        new("game.already_in_room", ErrorKind.Conflict, "you are already in this room");

    public static DomainException Busy() =>
        new("game.busy", ErrorKind.Conflict, "you are already a player in another room");

    public static DomainException RoomNotFound(Guid roomId) =>
        new("game.not_found", ErrorKind.NotFound, $"there is no live room with the id {roomId}");

    public static DomainException WrongPhase(RoomPhase phase, string action) =>
        new("game.wrong_phase", ErrorKind.Conflict, $"cannot {action} while the room is {phase.ToString().ToLowerInvariant()}");
}
