using FluentValidation;
using Microsoft.AspNetCore.SignalR;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;
using Transcendence.Web.Errors;

namespace Transcendence.Web.Hubs;

/// <summary>
/// The one error mapping for hubs: a refusal becomes a <see cref="HubException"/> whose message starts
/// with its code (<c>chat.muted: you are muted …</c>), which SignalR passes to the caller; the
/// connection stays open. A store that is down or overloaded is <c>unavailable</c> (worth a retry);
/// anything else unexpected is logged and reported as <c>internal</c>.
/// </summary>
public sealed partial class HubErrorFilter(IStoreOutages outages, ILogger<HubErrorFilter> logger) : IHubFilter
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
        catch (Exception ex) when (ex is not OperationCanceledException && outages.IsOutage(ex))
        {
            LogOutage(ex, invocationContext.HubMethodName);
            throw new HubException($"{ErrorCodes.Unavailable}: {ErrorCodes.UnavailableDetail}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailure(ex, invocationContext.HubMethodName);
            throw new HubException("internal: something went wrong on our side");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} failed: the store is unavailable")]
    private partial void LogOutage(Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private partial void LogFailure(Exception exception, string method);
}
