using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Transcendence.Application.Users;
using Transcendence.Application.Users.GetMe;
using Transcendence.Application.Users.GetUser;
using Transcendence.Application.Users.RenameMe;
using Transcendence.Application.Users.SearchUsers;

namespace Transcendence.Web.Endpoints;

internal static class UsersEndpoints
{
    public sealed record RenameMeRequest(string? DisplayName);

    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization();

        users.MapGet("/me", GetMe).WithSummary("The caller's own profile");
        users.MapPatch("/me", RenameMe)
            .WithSummary("Change the caller's display name (unique without regard to case)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapGet("/{id:guid}", GetUser)
            .WithSummary("A user's public profile")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/", SearchUsers)
            .WithSummary("Users whose login or display name contains the search text, by display name")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<OwnProfile>> GetMe(ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMe(caller.UserId()), cancellationToken));

    private static async Task<Ok<OwnProfile>> RenameMe(RenameMeRequest request, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RenameMe(caller.UserId(), request.DisplayName ?? string.Empty), cancellationToken));

    private static async Task<Ok<PublicProfile>> GetUser(Guid id, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetUser(id, caller.UserId()), cancellationToken));

    private static async Task<Ok<IReadOnlyList<PublicProfile>>> SearchUsers(string? search, int? limit, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SearchUsers(search, limit, caller.UserId()), cancellationToken));
}
