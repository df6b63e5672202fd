using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Transcendence.Web.Hubs;

/// <summary>
/// One token bucket: <see cref="TokenLimit"/> calls at once (the burst), refilled by
/// <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>. <see cref="Unlimited"/> exempts
/// the method altogether.
/// </summary>
public sealed class HubMethodLimit
{
    public int TokenLimit { get; set; }

    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    public bool Unlimited { get; set; }

    /// <summary>Refuses at once when empty (no queue); the partitioned limiter's own timer refills it.</summary>
    public TokenBucketRateLimiterOptions ToTokenBucket() => new()
    {
        TokenLimit = TokenLimit,
        TokensPerPeriod = TokensPerPeriod,
        ReplenishmentPeriod = ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>
/// <c>Hubs:RateLimits</c>: how often one user may call each hub method (all their connections together).
/// A method without an entry in <see cref="Methods"/> gets <see cref="Default"/>.
/// </summary>
public sealed class HubRateLimitOptions
{
    public const string Section = "Hubs:RateLimits";

    /// <summary>5 calls a second, bursts of 10.</summary>
    public HubMethodLimit Default { get; set; } = new() { TokenLimit = 10, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>Per method name (as the client invokes it, case-insensitive).</summary>
    public Dictionary<string, HubMethodLimit> Methods { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // A client sends one intent a tick (60 Hz); twice that, with half a second of catching up.
        ["Input"] = new() { TokenLimit = 60, TokensPerPeriod = 12, ReplenishmentPeriod = TimeSpan.FromMilliseconds(100) },
        // ICE candidates come in bursts when a call starts, then hardly at all.
        ["Signal"] = new() { TokenLimit = 20, TokensPerPeriod = 2, ReplenishmentPeriod = TimeSpan.FromSeconds(1) },
        // Each of these pushes something to another user (or fills the queue): a person's pace.
        ["Invite"] = new() { TokenLimit = 5, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(5) },
        ["CancelInvite"] = new() { TokenLimit = 5, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(5) },
        ["JoinQueue"] = new() { TokenLimit = 5, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(2) },
        // The heartbeat's answer: limiting it would make the server declare a healthy client lost.
        ["Pong"] = new() { Unlimited = true },
    };

    public HubMethodLimit LimitOf(string method) => Methods.GetValueOrDefault(method) ?? Default;
}

/// <summary>Every limit must be a usable token bucket, and every method named must exist on a hub.</summary>
public sealed class HubRateLimitOptionsValidator : IValidateOptions<HubRateLimitOptions>
{
    private static readonly HashSet<string> HubMethods = new(
        new[] { typeof(ChatHub), typeof(GameHub) }
            .SelectMany(hub => hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => !method.IsSpecialName && method.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .Select(method => method.Name),
        StringComparer.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, HubRateLimitOptions options)
    {
        var failures = new List<string>();
        Check("Default", options.Default);
        foreach (var (method, limit) in options.Methods)
        {
            if (!HubMethods.Contains(method))
            {
                failures.Add($"{HubRateLimitOptions.Section}:Methods:{method} names no hub method (known: {string.Join(", ", HubMethods.Order())})");
            }

            Check($"Methods:{method}", limit);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string key, HubMethodLimit? limit)
        {
            if (limit is null || limit.Unlimited)
            {
                return;
            }

            if (limit.TokenLimit < 1 || limit.TokensPerPeriod < 1 || limit.ReplenishmentPeriod <= TimeSpan.Zero)
            {
                failures.Add($"{HubRateLimitOptions.Section}:{key} needs TokenLimit and TokensPerPeriod of at least 1 and a ReplenishmentPeriod longer than zero (or Unlimited=true)");
            }
        }
    }
}
