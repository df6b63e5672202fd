using System.Security.Claims;
using System.Security.Cryptography;
using Mediator;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Transcendence.Infrastructure.Auth;
using Transcendence.Web.Errors;
using Transcendence.Web.Sessions;

namespace Transcendence.Web.Composition;

internal static class AuthSetup
{
    /// <summary>
    /// Bearer authentication with our own HS256 tokens. Outside Development the app refuses to start
    /// without a signing key of at least 32 bytes; in Development a missing key is replaced by a random
    /// one for the life of the process (tokens then die with it).
    /// </summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<JwtOptions>()
            .PostConfigure(options =>
            {
                if (environment.IsDevelopment() && string.IsNullOrEmpty(options.SigningKey))
                {
                    options.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
                }
            })
            .Validate(
                options => options.HasStrongKey,
                $"Auth:Jwt:SigningKey must be set to at least {JwtOptions.MinimumKeyBytes} bytes (UTF-8) outside Development " +
                "(environment: Auth__Jwt__SigningKey)")
            .ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, clock) =>
            {
                var settings = jwt.Value;
                bearer.MapInboundClaims = false;
                // Nothing reads the raw token back (GetTokenAsync): a hub connection would keep it for its lifetime.
                bearer.SaveToken = false;
                bearer.TimeProvider = clock;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(settings.KeyBytes),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = JwtRegisteredClaimNames.Name,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    // Lifetime is judged by the app's clock (TimeProvider), like everything else with a time.
                    LifetimeValidator = (notBefore, expires, _, parameters) => IsWithinLifetime(notBefore, expires, parameters.ClockSkew, clock),
                };
                bearer.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ReadHubTokenFromQuery,
                    OnTokenValidated = CheckLoginAndExpiry,
                    OnChallenge = WriteChallengeProblem,
                };
            });
        services.AddAuthorization();
        return services;
    }

    private static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return (notBefore is null || notBefore.Value <= now + skew) && expires is not null && expires.Value > now - skew;
    }

    /// <summary>
    /// Browsers cannot set headers on WebSocket and SSE requests, so SignalR clients send the token as
    /// <c>access_token</c> in the query string; accepted on hub routes only, where logs are kept clean.
    /// </summary>
    private static Task ReadHubTokenFromQuery(MessageReceivedContext context)
    {
        if (context.HttpContext.Request.Path.StartsWithSegments("/hubs")
            && context.Request.Query.TryGetValue("access_token", out var token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A signed, unexpired token is refused when its login has ended (logout, or a reused refresh token):
    /// the answer is the usual 401 <c>auth.invalid_token</c>, and a hub connection never opens.
    /// </summary>
    private static async Task CheckLoginAndExpiry(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (!Guid.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var userId)
            || !Guid.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Sid)?.Value, out var sessionId))
        {
            context.Fail("the access token names no user or no login");
            return;
        }

        var services = context.HttpContext.RequestServices;
        if (!await IsLoginActiveAsync(services, userId, sessionId, context.HttpContext.RequestAborted))
        {
            context.Fail("the login of this access token has ended");
            return;
        }

        // A hub connection keeps its request's principal for as long as it is open: keep only what the app
        // reads (sub and sid), not the token's other claims nor the token itself, which the validated identity
        // carries (CaseSensitiveClaimsIdentity.SecurityToken).
        context.Principal = SlimPrincipal(principal);

        // SignalR closes a connection whose ticket has expired (CloseOnAuthenticationExpiration) by the
        // wall clock, checked every second, while tokens are judged by the app's TimeProvider: give the
        // ticket the token's remaining lifetime from the wall clock's now (the same instant in production).
        if (context.Properties.ExpiresUtc is { } expires)
        {
            var remaining = expires - services.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.ExpiresUtc = DateTimeOffset.UtcNow + remaining;
        }
    }

    /// <summary>
    /// Asked in a scope of its own: a hub connection's request scope lives as long as the connection, and would
    /// keep the Mediator and whatever the check resolved (a unit of work, the store's session) until it closes.
    /// </summary>
    private static async ValueTask<bool> IsLoginActiveAsync(IServiceProvider services, Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionCheck>();
        return await sessions.IsActiveAsync(userId, sessionId, scope.ServiceProvider.GetRequiredService<ISender>(), cancellationToken);
    }

    /// <summary>
    /// The claims the app reads (<c>sub</c>, <c>sid</c>), in an identity of their own; the token's other claims
    /// (its display name, <c>jti</c>, times, issuer, audience) and the token itself stay behind.
    /// </summary>
    private static ClaimsPrincipal SlimPrincipal(ClaimsPrincipal validated) =>
        new(new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, validated.FindFirst(JwtRegisteredClaimNames.Sub)!.Value),
                new Claim(JwtRegisteredClaimNames.Sid, validated.FindFirst(JwtRegisteredClaimNames.Sid)!.Value),
            ],
            validated.Identity?.AuthenticationType ?? JwtBearerDefaults.AuthenticationScheme,
            JwtRegisteredClaimNames.Name,
            ClaimsIdentity.DefaultRoleClaimType));

    private static async Task WriteChallengeProblem(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var presented = context.AuthenticateFailure is not null || !string.IsNullOrEmpty(context.Error);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Detail = presented ? "the access token is invalid or expired" : "this route needs an access token",
                Extensions = { ["code"] = presented ? ErrorCodes.InvalidToken : ErrorCodes.AuthRequired },
            },
        });
    }
}
