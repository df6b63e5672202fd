using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Transcendence.Application.Channels;
using Transcendence.Application.Channels.BanMember;
using Transcendence.Application.Channels.CreateChannel;
using Transcendence.Application.Channels.GetChannel;
using Transcendence.Application.Channels.GetMessages;
using Transcendence.Application.Channels.InviteToChannel;
using Transcendence.Application.Channels.JoinChannel;
using Transcendence.Application.Channels.KickMember;
using Transcendence.Application.Channels.LeaveChannel;
using Transcendence.Application.Channels.ListChannels;
using Transcendence.Application.Channels.ListMyChannels;
using Transcendence.Application.Channels.MuteMember;
using Transcendence.Application.Channels.OpenDirectChannel;
using Transcendence.Application.Channels.SetAdmin;
using Transcendence.Application.Channels.UnbanMember;
using Transcendence.Application.Channels.UnmuteMember;
using Transcendence.Application.Channels.UpdateChannel;

using Transcendence.Web.Composition;

namespace Transcendence.Web.Endpoints;

/// <summary>Channel management over HTTP; the chat hub carries the live traffic. Both send the same commands.</summary>
internal static class ChannelsEndpoints
{
    public sealed record CreateChannelRequest(string? Name, string? Visibility, string? Password);

    public sealed record UpdateChannelRequest(string? Name, string? Visibility, string? Password);

    public sealed record JoinChannelRequest(string? Password);

    public sealed record UntilRequest(DateTimeOffset? Until);

    public static IEndpointRouteBuilder MapChannelsEndpoints(this IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/api/channels").WithTags("Channels").RequireAuthorization();
        channels.MapGet("/", List).WithSummary("Public and protected channels, by name").ProducesValidationProblem();
        channels.MapGet("/mine", Mine).WithSummary("Channels and direct conversations the caller belongs to");
        channels.MapPost("/", Create).WithSummary("Create a channel (public, private or protected); the caller owns it").ProducesValidationProblem();
        channels.MapGet("/{id:guid}", Details).WithSummary("Details, members with roles and mutes, for members").ProducesProblem(403).ProducesProblem(404);
        channels.MapPatch("/{id:guid}", Update).WithSummary("Owner: rename, change visibility, set, change or remove the password").ProducesValidationProblem().ProducesProblem(403);
        channels.MapPost("/{id:guid}/join", Join)
            .RequireRateLimiting(RateLimitSetup.ChannelJoin)
            .WithSummary("Join: public, protected with the password, private when invited; never when banned; " +
                "429 rate_limited when joining too often or locked out after repeated wrong passwords")
            .ProducesProblem(403)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        channels.MapPost("/{id:guid}/leave", Leave).WithSummary("Leave; the owner hands ownership on, the last one out deletes the channel");
        channels.MapPost("/{id:guid}/invites/{userId:guid}", Invite).WithSummary("Invite a user to a private channel").ProducesProblem(403);
        channels.MapPut("/{id:guid}/admins/{userId:guid}", GrantAdmin).WithSummary("Owner: make a member an admin").ProducesProblem(403);
        channels.MapDelete("/{id:guid}/admins/{userId:guid}", RevokeAdmin).WithSummary("Owner: make an admin a plain member").ProducesProblem(403);
        channels.MapPost("/{id:guid}/kick/{userId:guid}", Kick).WithSummary("Admin or owner: remove a member (never the owner)").ProducesProblem(403);
        channels.MapPut("/{id:guid}/bans/{userId:guid}", Ban).WithSummary("Admin or owner: ban until a time, or for good").ProducesProblem(403);
        channels.MapDelete("/{id:guid}/bans/{userId:guid}", Unban).WithSummary("Admin or owner: lift a ban").ProducesProblem(403);
        channels.MapPut("/{id:guid}/mutes/{userId:guid}", Mute).WithSummary("Admin or owner: mute until a time (required)").ProducesValidationProblem().ProducesProblem(403);
        channels.MapDelete("/{id:guid}/mutes/{userId:guid}", Unmute).WithSummary("Admin or owner: lift a mute").ProducesProblem(403);
        channels.MapGet("/{id:guid}/messages", Messages)
            .WithSummary("History, newest first, at most 100 a page (before = a message id); senders you block are left out")
            .ProducesValidationProblem().ProducesProblem(403);

        app.MapGroup("/api/dms").WithTags("Channels").RequireAuthorization()
            .MapPost("/{userId:guid}", OpenDirect)
            .WithSummary("The direct-message channel with that user (created once); refused across a block")
            .ProducesProblem(403);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ChannelSummary>>> List(string? search, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListChannels(search, limit), ct));

    private static async Task<Ok<IReadOnlyList<ChannelSummary>>> Mine(ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListMyChannels(caller.UserId()), ct));

    private static async Task<Created<ChannelSummary>> Create(CreateChannelRequest request, ClaimsPrincipal caller, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(new CreateChannel(caller.UserId(), request.Name ?? string.Empty, request.Visibility ?? string.Empty, request.Password), ct);
        return TypedResults.Created($"/api/channels/{created.Id}", created);
    }

    private static async Task<Ok<ChannelDetails>> Details(Guid id, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetChannel(caller.UserId(), id), ct));

    private static async Task<Ok<ChannelSummary>> Update(Guid id, UpdateChannelRequest request, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new UpdateChannel(caller.UserId(), id, request.Name, request.Visibility, request.Password), ct));

    private static async Task<Ok<ChannelSummary>> Join(Guid id, JoinChannelRequest? request, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new JoinChannel(caller.UserId(), id, request?.Password), ct));

    private static async Task<NoContent> Leave(Guid id, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        await Done(sender.Send(new LeaveChannel(caller.UserId(), id), ct));

    private static async Task<NoContent> Invite(Guid id, Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        await Done(sender.Send(new InviteToChannel(caller.UserId(), id, userId), ct));

    private static async Task<NoContent> GrantAdmin(Guid id, Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        await Done(sender.Send(new SetAdmin(caller.UserId(), id, userId, Admin: true), ct));

    private static async Task<NoContent> RevokeAdmin(Guid id, Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        await Done(sender.Send(new SetAdmin(caller.UserId(), id, userId, Admin: false), ct));

    private static async Task<NoContent> Kick(Guid id, Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        await Done(sender.Send(new KickMember(caller.UserId(), id, userId), ct));

    private static async Task<NoContent> Ban(Guid id, Guid userId, UntilRequest? request, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        await Done(sender.Send(new BanMember(caller.UserId(), id, userId, request?.Until), ct));

    private static async Task<NoContent> Unban(Guid id, Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        await Done(sender.Send(new UnbanMember(caller.UserId(), id, userId), ct));

    private static async Task<NoContent> Mute(Guid id, Guid userId, UntilRequest request, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        await Done(sender.Send(new MuteMember(caller.UserId(), id, userId, request.Until), ct));

    private static async Task<NoContent> Unmute(Guid id, Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        await Done(sender.Send(new UnmuteMember(caller.UserId(), id, userId), ct));

    private static async Task<Ok<IReadOnlyList<MessageView>>> Messages(Guid id, Guid? before, int? limit, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMessages(caller.UserId(), id, before, limit), ct));

    private static async Task<Ok<ChannelSummary>> OpenDirect(Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new OpenDirectChannel(caller.UserId(), userId), ct));

    private static async Task<NoContent> Done(ValueTask<Mediator.Unit> sent)
    {
        await sent;
        return TypedResults.NoContent();
    }
}
