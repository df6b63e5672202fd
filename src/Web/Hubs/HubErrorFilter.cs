using FluentValidation;
using Microsoft.AspNetCore.SignalR;
using Transcendence.Domain.Common;

namespace Transcendence.Web.Hubs;

/// <summary>
/// The one error mapping for hubs: a refusal becomes a <see cref="HubException"/> whose message starts
/// with its code (<c>chat.muted: you are muted …</c>), which SignalR passes to the caller; the
/// connection stays open. Anything unexpected is logged and reported as <c>internal</c>.
/// </summary>
public sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (DomainException refusal)
        {
            throw new HubException($"{refusal.Code}: {refusal.Message}");
        }
        catch (ValidationException invalid)
        {
            var reasons = string.Join("; ", invalid.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"));
            throw new HubException($"validation: {reasons}");
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailure(ex, invocationContext.HubMethodName);
            throw new HubException("internal: something went wrong on our side");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private partial void LogFailure(Exception exception, string method);
}
