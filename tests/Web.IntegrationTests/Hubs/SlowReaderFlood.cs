using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Hubs;

/// <summary>A member who stops reading while a channel is flooded: what every slow-reader test checks.</summary>
internal static class SlowReaderFlood
{
    /// <summary>
    /// Floods <paramref name="channel"/> from <paramref name="sender"/> until <paramref name="closed"/> says the server
    /// gave up on <paramref name="stalled"/>, sends 20 more while it reads again, and checks that
    /// <paramref name="reader"/> got every message in order and that the stalled reader found why it was closed.
    /// </summary>
    public static async Task RunAsync(HubClient sender, HubClient reader, StalledHubReader stalled, Guid channel, Func<bool> closed, Func<string> context)
    {
        // Large messages (non-ASCII text is escaped six bytes a character) fill the stalled socket quickly.
        var text = new string('é', 1990);
        var sent = 0;
        while (!closed())
        {
            sent.ShouldBeLessThan(2000, $"the stalled reader was never closed\n{context()}");
            await sender.SendAsync(channel, $"{text} {sent++}");
        }

        // The server has given up on the stalled reader: it reads again and finds why it was closed.
        var closing = stalled.ReadUntilClosedAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 20; i++)
        {
            await sender.SendAsync(channel, $"{text} {sent++}");
        }

        for (var i = 0; i < sent; i++)
        {
            (await reader.NextAsync("MessageReceived"))["text"]!.GetValue<string>().ShouldBe($"{text} {i}");
        }

        var read = await closing;
        read.ShouldContain("\"error\":\"slow_consumer: ", Case.Sensitive, $"the close message was not among what the reader found: …{read[Math.Max(0, read.Length - 400)..]}");
    }
}
