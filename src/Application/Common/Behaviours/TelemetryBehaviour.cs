using System.Diagnostics;
using Mediator;
using Transcendence.Application.Common.Telemetry;
using Transcendence.Domain.Common;

namespace Transcendence.Application.Common.Behaviours;

/// <summary>
/// The outermost step: one span per message (named after it, so a trace reads "SendMessage" under the hub
/// invocation or HTTP request that sent it) and its duration on <c>transcendence.message.duration</c>,
/// tagged with its kind and outcome (<c>ok</c>, <c>refused</c> with the error code, <c>failed</c>).
/// </summary>
public sealed class TelemetryBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string Kind = typeof(IBaseCommand).IsAssignableFrom(typeof(TMessage)) ? "command" : "query";

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        using var activity = ApplicationTelemetry.Source.StartActivity(name);
        activity?.SetTag("transcendence.message.kind", Kind);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var response = await next(message, cancellationToken);
            outcome = "ok";
            return response;
        }
        catch (DomainException ex)
        {
            // A refusal is the system working as meant: recorded, not marked as an error.
            outcome = "refused";
            activity?.SetTag("transcendence.error.code", ex.Code);
            throw;
        }
        catch (FluentValidation.ValidationException)
        {
            outcome = "refused";
            activity?.SetTag("transcendence.error.code", "validation");
            throw;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            if (ApplicationTelemetry.MessageDuration.Enabled)
            {
                ApplicationTelemetry.MessageDuration.Record(
                    Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>("transcendence.message", name),
                    new KeyValuePair<string, object?>("transcendence.message.kind", Kind),
                    new KeyValuePair<string, object?>("transcendence.outcome", outcome));
            }
        }
    }
}
