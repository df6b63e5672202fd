using System.Diagnostics;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Transcendence.Application.Auth;
using Transcendence.Application.Auth.DevLogin;
using Transcendence.Application.Auth.DisableTwoFactor;
using Transcendence.Application.Auth.EnableTwoFactor;
using Transcendence.Application.Auth.ExternalLogin;
using Transcendence.Application.Auth.Logout;
using Transcendence.Application.Auth.RefreshTokens;
using Transcendence.Application.Auth.SetUpTwoFactor;
using Transcendence.Application.Auth.VerifyTwoFactor;
using Transcendence.Web.Composition;
using Transcendence.Web.Errors;

namespace Transcendence.Web.Endpoints;

internal static class AuthEndpoints
{
    public sealed record DevLoginRequest(string? Login);

    public sealed record RefreshRequest(string? RefreshToken);

    public sealed record TwoFactorCodeRequest(string? Code);

    public sealed record VerifyTwoFactorRequest(string? Ticket, string? Code);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        // Tokens, tickets and TOTP secrets leave through these routes: no cache may keep any answer.
        var auth = app.MapGroup("/api/auth").WithTags("Auth").DisallowCaching();

        auth.MapGet("/login", Login)
            .RequireRateLimiting(RateLimitSetup.Login)
            .WithSummary("Starts an OAuth2 login: 302 to the provider (returnUrl: a local path or an allowed origin, else /)")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auth.MapGet("/callback", CallbackWithoutProvider)
            .WithSummary("The provider's redirect target (code, state): answered by the OAuth handler, which continues at /api/auth/login/complete")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auth.MapGet("/login/complete", CompleteLogin)
            .RequireRateLimiting(RateLimitSetup.Login)
            .WithSummary("Finishes an OAuth2 login: finds or creates the user, sets the refresh_token cookie and 302s to returnUrl " +
                "(with 2FA on: to returnUrl?twoFactor=required&ticket=…)")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", Refresh)
            .RequireRateLimiting(RateLimitSetup.Refresh)
            .WithSummary("Exchanges a refresh token (body, else the refresh_token cookie) for new tokens; " +
                "a token used twice ends its whole login")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/logout", Logout)
            .RequireAuthorization()
            .WithSummary("Ends the caller's current login (its refresh tokens stop working) and clears the refresh_token cookie");

        var twoFactor = auth.MapGroup("/2fa").RequireRateLimiting(RateLimitSetup.TwoFactor);
        twoFactor.MapPost("/setup", SetUpTwoFactor)
            .RequireAuthorization()
            .WithSummary("A new TOTP secret and its otpauth:// URI for an authenticator app; confirm it with 2fa/enable")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        twoFactor.MapPost("/enable", EnableTwoFactor)
            .RequireAuthorization()
            .WithSummary("Turns two-factor on, proven by a current code of the secret set up")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        twoFactor.MapPost("/disable", DisableTwoFactor)
            .RequireAuthorization()
            .WithSummary("Turns two-factor off, proven by a current code")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        twoFactor.MapPost("/verify", VerifyTwoFactor)
            .WithSummary("Finishes a login that needs two-factor: the ticket and a current code give tokens")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Dev-login trusts whatever login it is given: the route exists only when explicitly enabled.
        if (configuration.GetValue<bool>("Auth:DevLogin:Enabled"))
        {
            auth.MapPost("/dev-login", DevLogin)
                .RequireRateLimiting(RateLimitSetup.DevLogin)
                .WithSummary("Development login: finds or creates the user with that login and returns tokens " +
                    "(or {twoFactorRequired, ticket} when the user has two-factor on)")
                .WithDescription("200 is the tokens response, or, for a user with two-factor on, " +
                    "{twoFactorRequired: true, ticket, ticketExpiresAt}: send the ticket and a code to POST /api/auth/2fa/verify.")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        return app;
    }

    private static async Task<IResult> Login(string? returnUrl, HttpContext http, AllowedReturnOrigins origins)
    {
        if (!await IsOAuthConfiguredAsync(http))
        {
            return OAuthNotConfigured();
        }

        var properties = new AuthenticationProperties { RedirectUri = OAuthLogin.CompletePath };
        properties.Items[OAuthLogin.ReturnUrlItem] = ReturnUrls.Resolve(returnUrl, origins.Origins);
        return TypedResults.Challenge(properties, [OAuthLogin.Scheme]);
    }

    /// <summary>Reached only when no OAuth handler is registered: with one, the handler answers this path itself.</summary>
    private static ProblemHttpResult CallbackWithoutProvider() => OAuthNotConfigured();

    private static async Task<IResult> CompleteLogin(
        HttpContext http, AllowedReturnOrigins origins, OAuthLoginOptions oauth, ISender sender, CancellationToken cancellationToken)
    {
        var external = await http.AuthenticateAsync(OAuthLogin.ExternalScheme);
        if (!external.Succeeded)
        {
            return Problem(StatusCodes.Status400BadRequest, ErrorCodes.OAuthInvalidState,
                "no provider login is waiting to be completed (or it took too long); start again at /api/auth/login");
        }

        // The handshake's cookie has done its job whatever happens next.
        await http.SignOutAsync(OAuthLogin.ExternalScheme);
        var returnUrl = ReturnUrls.Resolve((external.Properties?.Items.TryGetValue(OAuthLogin.ReturnUrlItem, out var wanted) == true ? wanted : null), origins.Origins);
        var login = external.Principal?.FindFirstValue(ClaimTypes.Name) ?? string.Empty;
        var providerUserId = external.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

        var outcome = await sender.Send(new ExternalLogin(oauth.Provider, providerUserId, login), cancellationToken);
        switch (outcome)
        {
            case LoginOutcome.SignedIn signedIn:
                RefreshCookie.Set(http.Response, signedIn.Tokens);
                return TypedResults.Redirect(returnUrl);
            case LoginOutcome.TwoFactorRequired required:
                return TypedResults.Redirect(QueryHelpers.AddQueryString(returnUrl, new Dictionary<string, string?>
                {
                    ["twoFactor"] = "required",
                    ["ticket"] = required.Challenge.Ticket,
                }));
            default:
                throw new UnreachableException($"unknown login outcome {outcome.GetType().Name}");
        }
    }

    // The last 200 type is the one OpenAPI shows; the description names the other.
    private static async Task<Results<Ok<TwoFactorChallenge>, Ok<AuthTokens>>> DevLogin(
        DevLoginRequest request, HttpResponse response, ISender sender, CancellationToken cancellationToken)
    {
        var outcome = await sender.Send(new DevLogin(request.Login ?? string.Empty), cancellationToken);
        switch (outcome)
        {
            case LoginOutcome.SignedIn signedIn:
                RefreshCookie.Set(response, signedIn.Tokens);
                return TypedResults.Ok(signedIn.Tokens);
            case LoginOutcome.TwoFactorRequired required:
                return TypedResults.Ok(required.Challenge);
            default:
                throw new UnreachableException($"unknown login outcome {outcome.GetType().Name}");
        }
    }

    private static async Task<Ok<AuthTokens>> Refresh(RefreshRequest? request, HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        var presented = request?.RefreshToken is { Length: > 0 } fromBody ? fromBody : RefreshCookie.Read(http.Request);
        var tokens = await sender.Send(new RefreshTokens(presented), cancellationToken);
        RefreshCookie.Set(http.Response, tokens);
        return TypedResults.Ok(tokens);
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal caller, HttpResponse response, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new Logout(caller.UserId(), caller.SessionId()), cancellationToken);
        RefreshCookie.Clear(response);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TwoFactorSetup>> SetUpTwoFactor(ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SetUpTwoFactor(caller.UserId()), cancellationToken));

    private static async Task<NoContent> EnableTwoFactor(TwoFactorCodeRequest request, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new EnableTwoFactor(caller.UserId(), caller.SessionId(), request.Code ?? string.Empty), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DisableTwoFactor(TwoFactorCodeRequest request, ClaimsPrincipal caller, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DisableTwoFactor(caller.UserId(), caller.SessionId(), request.Code ?? string.Empty), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AuthTokens>> VerifyTwoFactor(VerifyTwoFactorRequest request, HttpResponse response, ISender sender, CancellationToken cancellationToken)
    {
        var tokens = await sender.Send(new VerifyTwoFactor(request.Ticket ?? string.Empty, request.Code ?? string.Empty), cancellationToken);
        RefreshCookie.Set(response, tokens);
        return TypedResults.Ok(tokens);
    }

    private static async Task<bool> IsOAuthConfiguredAsync(HttpContext http) =>
        await http.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OAuthLogin.Scheme) is not null;

    private static ProblemHttpResult OAuthNotConfigured() =>
        Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.OAuthNotConfigured,
            "OAuth login is not configured on this server (Auth:OAuth:ClientId and Auth:OAuth:ClientSecret)");

    private static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
