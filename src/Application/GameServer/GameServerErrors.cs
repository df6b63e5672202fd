using Transcendence.Domain.Common;

namespace Transcendence.Application.GameServer;

/// <summary>Refusals of the game server itself (not of a room's rules: those are the domain's <see cref="Domain.Games.GameErrors"/>).</summary>
public static class GameServerErrors
{
    /// <summary>The instance running the room did not answer (it is dying, or the instances' bus is down).</summary>
    public static DomainException Unavailable() =>
        new("game.unavailable", ErrorKind.Unavailable, "the server running this game does not answer; try again in a few seconds");

    /// <summary>The room's instance died (its lease lapsed): the room ended with it.</summary>
    public static DomainException RoomGone() =>
        new("game.not_found", ErrorKind.NotFound, "that game is over: the server running it stopped");
}
