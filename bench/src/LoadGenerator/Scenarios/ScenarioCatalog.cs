using Transcendence.LoadGenerator.Scenarios.Chat;
using Transcendence.LoadGenerator.Scenarios.Game;

namespace Transcendence.LoadGenerator.Scenarios;

public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new ChatFanOutScenario(),
        new GameLoopScenario(),
    ];
}
