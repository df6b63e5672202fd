using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Transcendence.Application.Common.Ports;
using Transcendence.Web.Hubs;
using Transcendence.Web.Json;
using Transcendence.Web.Realtime;
using Transcendence.Web.Sessions;

namespace Transcendence.Web.Composition;

internal static class RealtimeSetup
{
    /// <summary>SignalR with our user ids, our error mapping, per-user method limits, UTC times and bounded messages.</summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSignalR(options =>
            {
                options.AddFilter<HubErrorFilter>();
                // Records each connection under its login (closed when the login ends) and bounds them per user.
                options.AddFilter<SessionHubFilter>();
                // Inside the error mapping, so its refusals leave as "rate_limited: …" like any other.
                options.AddFilter<HubRateLimitFilter>();
                // Signalling payloads are capped at 16 KiB; leave room for the envelope, refuse the rest.
                options.MaximumReceiveMessageSize = 32 * 1024;
                options.EnableDetailedErrors = false;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new UtcInstantJsonConverter()));
        // Hub errors reach clients as "code: sentence", not wrapped in SignalR's own words.
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol>(provider => new CodedErrorHubProtocol(
            new JsonHubProtocol(provider.GetRequiredService<IOptions<JsonHubProtocolOptions>>()), provider.GetRequiredService<ServerCloseReasons>()));
        // One registry per hub, which is also its lifetime manager: sends never wait for a socket, a slow reader is closed.
        services.AddSingleton(typeof(HubLifetimeManager<>), typeof(HubConnectionRegistry<>));
        services.AddSingleton<IHubConnectionRegistry>(provider => (IHubConnectionRegistry)provider.GetRequiredService<HubLifetimeManager<ChatHub>>());
        services.AddSingleton<IHubConnectionRegistry>(provider => (IHubConnectionRegistry)provider.GetRequiredService<HubLifetimeManager<GameHub>>());
        // Presence reads who is here across both registries; they decide a user's first arrival and last departure under its lock.
        services.AddSingleton<ConnectedUsers>();
        services.AddOptions<OutgoingOptions>().BindConfiguration(OutgoingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ServerCloseReasons>();
        services.AddSingleton<OutgoingMetrics>();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddSingleton<ChatDeliveryMetrics>();
        services.AddOptions<HubRateLimitOptions>().BindConfiguration(HubRateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubRateLimitOptions>, HubRateLimitOptionsValidator>();
        // One filter instance (SignalR would make one per call otherwise): it holds every user's buckets.
        services.AddSingleton<HubRateLimitFilter>();
        services.AddSingleton<IRealtimeTransport, SignalRRealtimeTransport>();
        return services;
    }
}
