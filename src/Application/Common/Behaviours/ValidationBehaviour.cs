using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace Transcendence.Application.Common.Behaviours;

/// <summary>
/// Runs every FluentValidation validator of a message before its handler; a failure throws
/// <see cref="ValidationException"/> and the handler never runs. Before them, every text the message
/// carries is checked for the NUL character: every input (HTTP bodies, query strings, route values,
/// hub arguments) reaches a handler as a message, so this one check keeps NUL out of every store
/// (PostgreSQL refuses it in <c>text</c>, the in-memory store would keep it) and both answer alike.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly PropertyInfo[] TextProperties = typeof(TMessage)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.PropertyType == typeof(string) && property.GetIndexParameters().Length == 0)
        .ToArray();

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        List<ValidationFailure>? failures = null;
        foreach (var property in TextProperties)
        {
            if (property.GetValue(message) is string text && text.Contains('\0', StringComparison.Ordinal))
            {
                (failures ??= []).Add(new ValidationFailure(property.Name, "must not contain the NUL character"));
            }
        }

        if (failures is not null)
        {
            throw new ValidationException(failures);
        }

        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                (failures ??= []).AddRange(result.Errors);
            }
        }

        if (failures is not null)
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}
