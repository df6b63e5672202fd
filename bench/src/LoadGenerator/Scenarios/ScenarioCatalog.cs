using Transcendence.LoadGenerator.Scenarios.Chat;
using Transcendence.LoadGenerator.Scenarios.Connections;
using Transcendence.LoadGenerator.Scenarios.Http;

namespace Transcendence.LoadGenerator.Scenarios;

public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new ChatFanOutScenario(),
        new ConnectionsScenario(),
        new HttpScenario(),
    ];
}
