namespace Transcendence.Web.Endpoints;

internal static class NoStore
{
    /// <summary>
    /// Answers carrying tokens, tickets or secrets must not be kept by any cache (RFC 6749 §5.1):
    /// <c>Cache-Control: no-store</c>, and <c>Pragma: no-cache</c> for HTTP/1.0 caches.
    /// </summary>
    public static TBuilder DisallowCaching<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            return await next(context);
        });
}
