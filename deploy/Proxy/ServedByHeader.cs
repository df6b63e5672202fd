using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Transcendence.Proxy;

/// <summary>
/// <c>Proxy:ServedByHeader</c> (default <c>X-Served-By</c>; empty: none): each proxied response names the
/// destination that answered it (<c>instance1</c>, …), so an operator or a test sees where the balancing and
/// the affinity sent a request without reading the instances' logs. Ids, not addresses: nothing internal leaks.
/// </summary>
public static class ServedByHeader
{
    public const string Setting = "Proxy:ServedByHeader";

    public static void AddTo(TransformBuilderContext context, IConfiguration configuration)
    {
        var header = configuration[Setting];
        if (string.IsNullOrWhiteSpace(header))
        {
            return;
        }

        context.AddResponseTransform(transform =>
        {
            var destination = transform.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination;
            if (destination is not null)
            {
                transform.HttpContext.Response.Headers[header] = destination.DestinationId;
            }

            return ValueTask.CompletedTask;
        });
    }
}
