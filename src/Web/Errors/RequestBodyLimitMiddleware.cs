using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Transcendence.Web.Errors;

/// <summary>
/// Caps request bodies: 64 KiB unless the endpoint says otherwise (<see cref="IRequestSizeLimitMetadata"/>,
/// e.g. avatar uploads). A declared length over the cap is refused before anything is read; a chunked
/// body is cut off by the server's own limit, which this sets per request.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public const long DefaultLimitBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultLimitBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("the request body is too large", StatusCodes.Status413PayloadTooLarge);
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
