using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>The chat send limit is per user across instances: two apps on one database and one Redis count one window.</summary>
public sealed class ClusterSendLimitTests
{
    [Test]
    public async Task Sends_through_two_instances_count_against_one_limit()
    {
        await using var redis = await RedisTestServer.StartAsync();
        var limit = new Dictionary<string, string?> { ["Chat:SendLimit:Messages"] = "3", ["Chat:SendLimit:Window"] = "00:01:00" };
        await using var first = await RedisReadinessTests.ScaledOutAsync(redis, settings: limit);
        await using var second = await RedisReadinessTests.ScaledOutAsync(redis, first.ConnectionString, limit);
        var ada = await ApiClient.LoginAsync(first, "ada");
        var channel = await ada.CreateChannelAsync("both-sides");
        await using var onFirst = await first.ConnectChatAsync(ada);
        await using var onSecond = await second.ConnectChatAsync(ada);

        await onFirst.SendAsync(channel, "one");
        await onSecond.SendAsync(channel, "two");
        await onFirst.SendAsync(channel, "three");

        var refusal = await onSecond.SendAsync(channel, "four").ShouldBeRefusedAsync("rate_limited");
        refusal.ShouldContain("try again in");
        await onFirst.SendAsync(channel, "five").ShouldBeRefusedAsync("rate_limited");
        (await ada.HistoryAsync(channel)).Count.ShouldBe(3);
    }
}
