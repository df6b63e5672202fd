using Transcendence.LoadGenerator.Scenarios.Chat;
using Transcendence.LoadGenerator.Scenarios.ChatChannels;
using Transcendence.LoadGenerator.Scenarios.Connections;
using Transcendence.LoadGenerator.Scenarios.Game;
using Transcendence.LoadGenerator.Scenarios.Http;
using Transcendence.LoadGenerator.Scenarios.Matchmaking;
using Transcendence.LoadGenerator.Scenarios.SlowReader;

namespace Transcendence.LoadGenerator.Scenarios;

/// <summary>The scenarios <c>bench/run.sh</c> can name, in the order of the issue.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new ChatFanOutScenario(),
        new ChatChannelsScenario(),
        new SlowReaderScenario(),
        new GameLoopScenario(),
        new ConnectionsScenario(),
        new HttpScenario(),
        new MatchmakingScenario(),
    ];
}
