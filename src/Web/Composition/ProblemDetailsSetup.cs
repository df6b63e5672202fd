using Transcendence.Web.Errors;

namespace Transcendence.Web.Composition;

internal static class ProblemDetailsSetup
{
    /// <summary>
    /// Every error response is problem details with a <c>code</c>, including those the framework makes
    /// itself (unknown route, wrong method): the code then follows from the status.
    /// </summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", ErrorCodes.ForStatus(status));
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }
}
