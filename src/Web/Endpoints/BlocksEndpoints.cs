using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Transcendence.Application.Blocks.BlockUser;
using Transcendence.Application.Blocks.GetBlocks;
using Transcendence.Application.Blocks.UnblockUser;
using Transcendence.Application.Users;

namespace Transcendence.Web.Endpoints;

internal static class BlocksEndpoints
{
    public static IEndpointRouteBuilder MapBlocksEndpoints(this IEndpointRouteBuilder app)
    {
        // {userId} has no route constraint: a malformed id is a 400 (validation), not an unknown route.
        var blocks = app.MapGroup("/api/users/me/blocks").WithTags("Blocks").RequireAuthorization();

        blocks.MapGet("/", GetBlocks)
            .WithSummary("The users the caller blocks, by display name");
        blocks.MapPut("/{userId}", BlockUser)
            .WithSummary("Block a user; ends any friendship or request between the two; repeating it changes nothing")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        blocks.MapDelete("/{userId}", UnblockUser)
            .WithSummary("Lift a block; with no block, nothing changes")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<UserSummary>>> GetBlocks(ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBlocks(caller.UserId()), cancellationToken));

    private static async Task<NoContent> BlockUser(Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new BlockUser(caller.UserId(), userId), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnblockUser(Guid userId, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new UnblockUser(caller.UserId(), userId), cancellationToken);
        return TypedResults.NoContent();
    }
}
