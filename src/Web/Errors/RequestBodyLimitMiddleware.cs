using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Transcendence.Web.Errors;

/// <summary>
/// Caps request bodies: 64 KiB unless the endpoint says otherwise (<see cref="IRequestSizeLimitMetadata"/>,
/// e.g. avatar uploads). A declared length over the cap is refused with 413 before the endpoint runs; a
/// chunked body is cut off by the server's own limit, which this sets per request.
/// </summary>
/// <remarks>
/// A declared length up to twice the cap is read (and thrown away) before the 413 is written: a client is
/// still sending when the answer comes, and a server that answers and closes mid-upload leaves it with a
/// broken connection instead of the 413 (browsers and HttpClient read no answer while their upload fails).
/// Anything larger is answered at once; the connection may then be cut off, but only after the 413 is sent.
/// </remarks>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public const long DefaultLimitBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultLimitBytes;
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            return RefuseAsync(context, declared, limit, feature);
        }

        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        // Not awaited: a hub connection's request lasts as long as the connection, and a frame here would too.
        return next(context);
    }

    private static async Task RefuseAsync(HttpContext context, long declared, long limit, IHttpMaxRequestBodySizeFeature? feature)
    {
        if (declared <= 2 * limit && feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = declared;
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }

        throw new BadHttpRequestException("the request body is too large", StatusCodes.Status413PayloadTooLarge);
    }
}
