using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>The systems <c>--systems</c> can name, in the order they are measured.</summary>
public static class ChatSystems
{
    public static IReadOnlyList<string> Names { get; } = ["bare", "inmemory", "postgres", "nest"];

    public static async Task<IChatSystem> StartAsync(string name, BenchContext context, CancellationToken ct) => name switch
    {
        "bare" => await BareChatSystem.StartAsync(context, ct),
        "inmemory" => await TranscendenceChatSystem.StartAsync(context, Store.InMemory, ct),
        "postgres" => await TranscendenceChatSystem.StartAsync(context, Store.Postgres, ct),
        "nest" => await NestChatSystem.StartAsync(context, ct),
        _ => throw new ArgumentException($"unknown chat system '{name}'; known: {string.Join(", ", Names)}"),
    };
}
