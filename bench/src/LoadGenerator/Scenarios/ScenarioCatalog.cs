using Transcendence.LoadGenerator.Scenarios.Chat;

namespace Transcendence.LoadGenerator.Scenarios;

public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new ChatFanOutScenario(),
    ];
}
