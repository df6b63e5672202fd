using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Transcendence.Application.Friends;
using Transcendence.Application.Friends.Befriend;
using Transcendence.Application.Friends.GetFriends;
using Transcendence.Application.Friends.Unfriend;

namespace Transcendence.Web.Endpoints;

internal static class FriendsEndpoints
{
    public static IEndpointRouteBuilder MapFriendsEndpoints(this IEndpointRouteBuilder app)
    {
        // {userId} has no route constraint: a malformed id is a 400 (validation), not an unknown route.
        var friends = app.MapGroup("/api/users/me/friends").WithTags("Friends").RequireAuthorization();

        friends.MapGet("/", GetFriends)
            .WithSummary("The caller's friends, incoming requests and outgoing requests, each by display name");
        friends.MapPut("/{userId}", Befriend)
            .WithSummary("Send a friend request, or accept that user's pending one; repeating it changes nothing")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        friends.MapDelete("/{userId}", Unfriend)
            .WithSummary("Unfriend, cancel the caller's request or decline theirs; with nothing to end, nothing changes")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<FriendList>> GetFriends(ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetFriends(caller.UserId()), cancellationToken));

    private static async Task<Ok<FriendshipView>> Befriend(Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new Befriend(caller.UserId(), userId), cancellationToken));

    private static async Task<NoContent> Unfriend(Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new Unfriend(caller.UserId(), userId), cancellationToken);
        return TypedResults.NoContent();
    }
}
