using StackExchange.Redis;

namespace Transcendence.TestSupport;

/// <summary>Waiting for a condition with a deadline, never for a guessed time; the failure says what did not happen.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns it.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var patience = within ?? DefaultPatience;
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {patience.TotalSeconds} s: {what} (last seen: {value})");
            }

            await Task.Delay(20);
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        ReadAsync(condition, held => held, what, within);

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        ReadAsync(() => Task.FromResult(condition()), held => held, what, within);

    /// <summary>
    /// Waits until the Redis key's expiry has moved forward <paramref name="times"/> times: a lease holder renewed
    /// it, so at least that many of its beats have passed (and the other instances have tried to take it meanwhile).
    /// </summary>
    public static async Task RenewedAsync(IDatabase database, RedisKey key, int times)
    {
        var last = await database.KeyTimeToLiveAsync(key);
        var seen = 0;
        await HoldsAsync(async () =>
        {
            var now = await database.KeyTimeToLiveAsync(key);
            seen += now > last ? 1 : 0;
            last = now;
            return seen >= times;
        }, $"the lease {key} is renewed {times} times");
    }
}
