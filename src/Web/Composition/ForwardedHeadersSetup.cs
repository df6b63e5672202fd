using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Transcendence.Web.Composition;

/// <summary>
/// The reverse proxies the app trusts (<c>ForwardedHeaders</c>): only a request that arrives from one of
/// them has its <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> believed.
/// Empty by default, and then the headers are ignored altogether, so a client talking to the app directly
/// cannot pose as another address (and dodge or exhaust the per-IP limits).
/// </summary>
public sealed record ForwardedHeadersSettings(IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<System.Net.IPNetwork> KnownNetworks, int? ForwardLimit)
{
    public const string Section = "ForwardedHeaders";

    public bool IsEnabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>
    /// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR),
    /// each a list or one string separated by commas or spaces; <c>ForwardedHeaders:ForwardLimit</c>
    /// (default 1: one proxy in front; 0 means no limit). A value that does not parse stops the start.
    /// </summary>
    public static ForwardedHeadersSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies"))
            .Select(text => IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{text}' is not an IP address"))
            .ToList();
        var networks = Values(section.GetSection("KnownNetworks"))
            .Select(text => System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{text}' is not a network in CIDR notation (10.0.0.0/8)"))
            .ToList();
        var limit = section.GetValue<int?>("ForwardLimit") ?? 1;
        if (limit < 0)
        {
            throw new InvalidOperationException("ForwardedHeaders:ForwardLimit is 0 (no limit) or more");
        }

        return new ForwardedHeadersSettings(proxies, networks, limit == 0 ? null : limit);
    }

    private static IEnumerable<string> Values(IConfigurationSection section) =>
        section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

internal static class ForwardedHeadersSetup
{
    /// <summary>
    /// ASP.NET Core's forwarded headers middleware, trusting exactly the configured proxies and networks
    /// (not its default loopback), first in the pipeline so logging, rate limits and the OAuth
    /// <c>redirect_uri</c> see the real client, scheme and host. Nothing when none is configured.
    /// </summary>
    public static WebApplication UseConfiguredForwardedHeaders(this WebApplication app)
    {
        var settings = ForwardedHeadersSettings.From(app.Configuration);
        if (!settings.IsEnabled)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = settings.ForwardLimit,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in settings.KnownNetworks)
        {
            options.KnownIPNetworks.Add(network);
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
