using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;

namespace Transcendence.Web.Errors;

/// <summary>
/// The one place where an exception becomes an HTTP answer: a problem details document with a
/// <c>code</c>. Refusals keep their code; a malformed or oversized request is a 4xx; a store that is down
/// or overloaded is a 503 <c>unavailable</c> with <c>Retry-After</c>; anything else is a 500 whose details
/// stay in the log.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, IStoreOutages outages) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException refusal => Problem(ErrorCodes.StatusOf(refusal.Kind), refusal.Code, refusal.Message),
            ValidationException invalid => ValidationProblem(invalid),
            BadHttpRequestException bad => Problem(bad.StatusCode, ErrorCodes.ForStatus(bad.StatusCode), DescribeBadRequest(bad)),
            _ when outages.IsOutage(exception) => Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, ErrorCodes.UnavailableDetail),
            _ => Problem(StatusCodes.Status500InternalServerError, "internal", "something went wrong on our side"),
        };

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is RateLimitedException limited)
        {
            ProblemResponses.SetRetryAfter(httpContext.Response, limited.RetryAfter);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            ProblemResponses.SetRetryAfter(httpContext.Response, ErrorCodes.UnavailableRetryAfter);
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>An exception that is a clear answer to bad input, not a fault of ours.</summary>
    public static bool IsRefusal(Exception exception) =>
        exception is DomainException or ValidationException or BadHttpRequestException;

    private static ProblemDetails Problem(int status, string code, string detail) => new()
    {
        Status = status,
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    private static HttpValidationProblemDetails ValidationProblem(ValidationException invalid)
    {
        var errors = invalid.Errors
            .GroupBy(failure => JsonNamingPolicy.CamelCase.ConvertName(failure.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());
        return new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = "the request has invalid fields",
            Extensions = { ["code"] = ErrorCodes.Validation },
        };
    }

    private static string DescribeBadRequest(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException => "the request body is not valid JSON of the expected shape",
        _ when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => "the request body is too large",
        _ => bad.Message,
    };
}
