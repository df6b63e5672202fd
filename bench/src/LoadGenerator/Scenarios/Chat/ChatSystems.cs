using System.Globalization;
using Transcendence.LoadGenerator.Systems;

namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>
/// The systems <c>--systems</c> can name, in the order they are measured. The app's may carry a shape:
/// <c>postgres-redis</c> is one instance with Redis on (the publish cost alone), <c>postgres-x2</c> two instances on
/// one PostgreSQL and Redis; a plain <c>postgres</c> runs <c>--instances</c> instances (default 1, Redis off).
/// </summary>
public static class ChatSystems
{
    public static IReadOnlyList<string> Names { get; } = ["bare", "inmemory", "postgres", "nest"];

    public static bool Knows(string name) => Names.Contains(name) || AppShape(name, 1) is not null;

    public static async Task<IChatSystem> StartAsync(string name, BenchContext context, CancellationToken ct)
    {
        var instances = context.Options.Int("instances", 1);
        return name switch
        {
            "bare" => await BareChatSystem.StartAsync(context, ct),
            "nest" => await NestChatSystem.StartAsync(context, ct),
            _ when AppShape(name, instances) is var (store, count, redis) =>
                await TranscendenceChatSystem.StartAsync(context, store, count, redis, ct),
            _ => throw new ArgumentException($"unknown chat system '{name}'; known: {string.Join(", ", Names)}, and the app's with -redis or -xN (postgres-redis, postgres-x2)"),
        };
    }

    /// <summary>(store, instances, Redis on) for an app system's name, or null.</summary>
    private static (Store Store, int Instances, bool Redis)? AppShape(string name, int defaultInstances)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        Store? store = (dash < 0 ? name : name[..dash]) switch
        {
            "inmemory" => Store.InMemory,
            "postgres" => Store.Postgres,
            _ => null,
        };
        if (store is null)
        {
            return null;
        }

        var shape = dash < 0 ? "" : name[(dash + 1)..];
        if (shape == "")
        {
            return (store.Value, defaultInstances, defaultInstances > 1);
        }

        if (shape == "redis")
        {
            return (store.Value, 1, true);
        }

        return shape.StartsWith('x') && int.TryParse(shape[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? (store.Value, count, true)
            : null;
    }
}
