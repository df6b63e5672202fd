using Mediator;
using Transcendence.Application.Common.Behaviours;

namespace Transcendence.Web.Composition;

internal static class MediatorSetup
{
    /// <summary>
    /// The one pipeline, in order: telemetry (a span and a duration per message) → logging → validation → realtime dispatch (events leave only after
    /// the commit) → unit of work (commands only). Scoped, so
    /// handlers share the request's store session. The generator reads these options at compile time:
    /// they must stay inline literals.
    /// </summary>
    public static IServiceCollection AddApiMediator(this IServiceCollection services) =>
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Transcendence.Application.DependencyInjection)];
            options.PipelineBehaviors =
            [
                typeof(TelemetryBehaviour<,>),
                typeof(LoggingBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(RealtimeDispatchBehaviour<,>),
                typeof(UnitOfWorkBehaviour<,>),
            ];
        });
}
