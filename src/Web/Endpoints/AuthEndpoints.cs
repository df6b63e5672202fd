using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Transcendence.Application.Auth;
using Transcendence.Application.Auth.DevLogin;

namespace Transcendence.Web.Endpoints;

internal static class AuthEndpoints
{
    public sealed record DevLoginRequest(string? Login);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        // Dev-login trusts whatever login it is given: the route exists only when explicitly enabled.
        if (configuration.GetValue<bool>("Auth:DevLogin:Enabled"))
        {
            auth.MapPost("/dev-login", DevLogin)
                .WithSummary("Development login: finds or creates the user with that login and returns tokens")
                .ProducesValidationProblem();
        }

        return app;
    }

    private static async Task<Ok<AuthTokens>> DevLogin(DevLoginRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DevLogin(request.Login ?? string.Empty), cancellationToken));
}
