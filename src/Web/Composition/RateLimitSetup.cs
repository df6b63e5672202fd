using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Transcendence.Web.Errors;

namespace Transcendence.Web.Composition;

/// <summary>A fixed window: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class FixedWindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Limits on the auth routes (<c>Auth:RateLimits</c>), per signed-in user, else per client IP.</summary>
public sealed class AuthRateLimitOptions
{
    public const string Section = "Auth:RateLimits";

    /// <summary><c>GET /api/auth/login</c> and its completion.</summary>
    public FixedWindowLimit Login { get; set; } = new() { PermitLimit = 20 };

    public FixedWindowLimit Refresh { get; set; } = new() { PermitLimit = 30 };

    public FixedWindowLimit DevLogin { get; set; } = new() { PermitLimit = 30 };

    /// <summary>Every <c>/api/auth/2fa/*</c> route (wrong codes have their own, stricter, per-user lockout).</summary>
    public FixedWindowLimit TwoFactor { get; set; } = new() { PermitLimit = 10 };

    public IEnumerable<FixedWindowLimit> All => [Login, Refresh, DevLogin, TwoFactor];
}

/// <summary>
/// The limit on <c>POST /api/channels/{id}/join</c> per user and channel (<c>Channels:JoinLimit</c>): every
/// guess at a protected channel's password costs a slow hash, so guesses are refused before they reach
/// it. Repeated wrong passwords also lock the user out of that channel's password (kept in the store).
/// </summary>
public sealed class ChannelJoinLimitOptions
{
    public const string Section = "Channels:JoinLimit";

    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>ASP.NET Core's rate limiter on the auth routes and channel joins; a refusal is a 429 problem with <c>Retry-After</c>.</summary>
internal static class RateLimitSetup
{
    public const string Login = "auth-login";
    public const string Refresh = "auth-refresh";
    public const string DevLogin = "auth-dev-login";
    public const string TwoFactor = "auth-two-factor";
    public const string ChannelJoin = "channel-join";

    public static IServiceCollection AddAuthRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthRateLimitOptions>()
            .Bind(configuration.GetSection(AuthRateLimitOptions.Section))
            .Validate(
                options => options.All.All(limit => limit.PermitLimit > 0 && limit.Window > TimeSpan.Zero),
                "every Auth:RateLimits:*:PermitLimit must be positive and every Auth:RateLimits:*:Window longer than zero")
            .ValidateOnStart();
        services.AddOptions<ChannelJoinLimitOptions>()
            .Bind(configuration.GetSection(ChannelJoinLimitOptions.Section))
            .Validate(options => options.PermitLimit > 0 && options.Window > TimeSpan.Zero,
                "Channels:JoinLimit:PermitLimit must be positive and Channels:JoinLimit:Window longer than zero")
            .ValidateOnStart();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejection;
            AddPolicy(options, Login, limits => limits.Login);
            AddPolicy(options, Refresh, limits => limits.Refresh);
            AddPolicy(options, DevLogin, limits => limits.DevLogin);
            AddPolicy(options, TwoFactor, limits => limits.TwoFactor);
            options.AddPolicy(ChannelJoin, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<ChannelJoinLimitOptions>>().Value;
                // Routing has run (the limiter sits after authentication), so the channel id is known.
                var key = $"{PartitionKey(http)}:channel:{http.Request.RouteValues["id"]}";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    Window = limit.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        return services;
    }

    private static void AddPolicy(RateLimiterOptions options, string name, Func<AuthRateLimitOptions, FixedWindowLimit> pick) =>
        options.AddPolicy(name, http =>
        {
            var limit = pick(http.RequestServices.GetRequiredService<IOptions<AuthRateLimitOptions>>().Value);
            return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });

    /// <summary>
    /// The signed-in user when there is one (the limiter runs after authentication), else the client IP
    /// as the server sees it (behind a proxy, configure forwarded headers so this is the real client).
    /// </summary>
    private static string PartitionKey(HttpContext http) =>
        http.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { Length: > 0 } userId
            ? $"user:{userId}"
            : $"ip:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    private static async ValueTask WriteRejection(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = ProblemResponses.SetRetryAfter(context.HttpContext.Response, wait);
        await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            $"too many requests; try again in {seconds} s");
    }
}
