using Transcendence.LoadGenerator.Scenarios.Chat;
using Transcendence.LoadGenerator.Scenarios.Game;
using Transcendence.LoadGenerator.Scenarios.Matchmaking;

namespace Transcendence.LoadGenerator.Scenarios;

public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new ChatFanOutScenario(),
        new GameLoopScenario(),
        new MatchmakingScenario(),
    ];
}
