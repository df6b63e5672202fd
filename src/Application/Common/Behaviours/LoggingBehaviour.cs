using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Transcendence.Domain.Common;

namespace Transcendence.Application.Common.Behaviours;

/// <summary>
/// Logs each message's name and duration; refusals (domain and validation) at Information, because
/// they are the system working as meant, and anything else at Error.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            LogHandled(typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is DomainException or FluentValidation.ValidationException)
        {
            LogRefused(typeof(TMessage).Name, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, typeof(TMessage).Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageName} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string messageName, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageName} refused: {Reason}")]
    private partial void LogRefused(string messageName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{MessageName} failed")]
    private partial void LogFailed(Exception exception, string messageName);
}
