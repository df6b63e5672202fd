using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Games.AcceptInvite;
using Transcendence.Application.Games.AnswerPing;
using Transcendence.Application.Games.CancelInvite;
using Transcendence.Application.Games.ConnectToGame;
using Transcendence.Application.Games.DeclineInvite;
using Transcendence.Application.Games.DisconnectFromGame;
using Transcendence.Application.Games.InviteToGame;
using Transcendence.Application.Games.JoinQueue;
using Transcendence.Application.Games.LeaveQueue;
using Transcendence.Application.Games.LeaveRoom;
using Transcendence.Application.Games.SetReady;
using Transcendence.Application.Games.Spectate;
using Transcendence.Application.Games.SteerPaddle;
using Transcendence.Application.Games.StopSpectating;
using Transcendence.Application.Games.UpdateGameSettings;
using Transcendence.Application.GameServer;
using Transcendence.Application.GameServer.Remote;
using Transcendence.Domain.Games;
using Transcendence.Web.Endpoints;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Hubs;

/// <summary>
/// <c>/hubs/game</c>: matchmaking, rooms and play. Every method sends one command whose handler reads what
/// it needs from the store (no transaction: they change live state only) and posts to the game server's
/// inbox (<see cref="GameLoop"/>), awaiting its answer; the rules are the domain's <see cref="Room"/>.
/// <see cref="Input"/> and <see cref="Pong"/> are the hot path: no store, one queued message each, no reply
/// (<see cref="Input"/> from a room's player skips the pipeline, see there).
/// </summary>
[Authorize]
public sealed class GameHub(ISender sender, GameLoop server, RemoteRooms remote) : Hub
{
    public const string Path = "/hubs/game";

    public override async Task OnConnectedAsync()
    {
        await sender.Send(new ConnectToGame(UserId, Context.ConnectionId), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await sender.Send(new DisconnectFromGame(UserId, Context.ConnectionId), CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Queues for a game of <paramref name="mode"/> (<c>classic</c> or <c>speed</c>); returns <c>{roomId}</c>.</summary>
    public async Task<RoomRef> JoinQueue(string mode) =>
        await sender.Send(new JoinQueue(UserId, mode), Context.ConnectionAborted);

    public async Task LeaveQueue() =>
        await sender.Send(new LeaveQueue(UserId), Context.ConnectionAborted);

    /// <summary>Invites a user to a game of <paramref name="mode"/>; returns <c>{roomId}</c>.</summary>
    public async Task<RoomRef> Invite(Guid userId, string mode) =>
        await sender.Send(new InviteToGame(UserId, userId, mode), Context.ConnectionAborted);

    public async Task AcceptInvite(Guid roomId) =>
        await sender.Send(new AcceptInvite(UserId, roomId), Context.ConnectionAborted);

    public async Task DeclineInvite(Guid roomId) =>
        await sender.Send(new DeclineInvite(UserId, roomId), Context.ConnectionAborted);

    public async Task CancelInvite(Guid roomId) =>
        await sender.Send(new CancelInvite(UserId, roomId), Context.ConnectionAborted);

    /// <summary>The host changes any subset of <c>{winningScore, ballSpeed, paddleSize}</c>.</summary>
    public async Task UpdateSettings(Guid roomId, GameSettingsRequest settings) =>
        await sender.Send(
            new UpdateGameSettings(UserId, roomId, settings?.WinningScore, settings?.BallSpeed, settings?.PaddleSize),
            Context.ConnectionAborted);

    public async Task SetReady(Guid roomId, bool ready) =>
        await sender.Send(new SetReady(UserId, roomId, ready), Context.ConnectionAborted);

    /// <summary>
    /// Paddle intent for the next tick; a <c>seq</c> not above the last one applied is ignored. The hottest call
    /// (up to 60 a second per player): a room's player's intent goes straight into the game server's inbox
    /// (<see cref="GameLoop.TrySteer"/>, one queue write), or, for a room another instance runs, straight to that
    /// instance once it accepted one (<see cref="RemoteRooms.TrySteer"/>, one publish); the Mediator pipeline around
    /// every other call cost more than the tick itself at 60 inputs a second. Anything else takes the
    /// <see cref="SteerPaddle"/> command, whose handler asks the room's owner, which takes it or answers the coded
    /// refusal.
    /// </summary>
    public Task Input(Guid roomId, InputRequest input)
    {
        var (up, down, seq) = (input?.Up ?? false, input?.Down ?? false, input?.Seq ?? 0);
        var intent = new PaddleInput(up, down, seq);
        return server.TrySteer(UserId, roomId, intent) || remote.TrySteer(UserId, roomId, intent)
            ? Task.CompletedTask
            : sender.Send(new SteerPaddle(UserId, roomId, up, down, seq), Context.ConnectionAborted).AsTask();
    }

    public async Task Spectate(Guid roomId) =>
        await sender.Send(new Spectate(UserId, roomId), Context.ConnectionAborted);

    public async Task StopSpectating(Guid roomId) =>
        await sender.Send(new StopSpectating(UserId, roomId), Context.ConnectionAborted);

    public async Task LeaveRoom(Guid roomId) =>
        await sender.Send(new LeaveRoom(UserId, roomId), Context.ConnectionAborted);

    /// <summary>The answer to <c>Ping {seq}</c>.</summary>
    public async Task Pong(long seq) =>
        await sender.Send(new AnswerPing(Context.ConnectionId, seq), Context.ConnectionAborted);

    private Guid UserId => Context.User!.UserId();
}

/// <summary>Any subset of the settings; a missing field keeps its value.</summary>
public sealed record GameSettingsRequest(int? WinningScore, double? BallSpeed, int? PaddleSize);

public sealed record InputRequest(bool Up, bool Down, long Seq);
