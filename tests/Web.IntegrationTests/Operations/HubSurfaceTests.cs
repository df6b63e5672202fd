using System.Text.Json.Nodes;
using Transcendence.Application.Common.Realtime;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>
/// docs/hubs.json is what the server says its hubs are (<c>hub-surface</c>, run as a process), and docs/hubs.md
/// explains every method, event and code in it.
/// </summary>
public sealed class HubSurfaceTests
{
    private static readonly string Docs = Path.Combine(Repository.Root, "docs");

    [Test]
    public async Task The_committed_hubs_json_is_what_the_server_generates()
    {
        var result = await WebProcess.RunAsync(null, "hub-surface");

        result.ExitCode.ShouldBe(0, result.Error);
        var committed = await File.ReadAllTextAsync(Path.Combine(Docs, "hubs.json"));
        result.Output.ReplaceLineEndings("\n").ShouldBe(
            committed.ReplaceLineEndings("\n"),
            "docs/hubs.json is stale: regenerate it with `dotnet run --project src/Web -- hub-surface --output docs/hubs.json`");
    }

    [Test]
    public async Task Hubs_md_names_every_method_event_and_error_code_of_its_hub()
    {
        var surface = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Docs, "hubs.json")))!;
        var markdown = await File.ReadAllTextAsync(Path.Combine(Docs, "hubs.md"));
        var gameStart = markdown.IndexOf("## Game hub", StringComparison.Ordinal);
        gameStart.ShouldBeGreaterThan(0);
        var sections = new Dictionary<string, string> { ["chat"] = markdown[..gameStart], ["game"] = markdown[gameStart..] };

        var missing = new List<string>();
        foreach (var hub in surface["hubs"]!.AsArray())
        {
            var name = hub!["name"]!.GetValue<string>();
            var section = sections[name];
            foreach (var method in hub["methods"]!.AsArray())
            {
                var methodName = method!["name"]!.GetValue<string>();
                if (!section.Contains($"`{methodName}(", StringComparison.Ordinal))
                {
                    missing.Add($"{name} method {methodName}");
                }
            }

            foreach (var hubEvent in hub["events"]!.AsArray())
            {
                var eventName = hubEvent!["name"]!.GetValue<string>();
                if (!section.Contains($"`{eventName}`", StringComparison.Ordinal))
                {
                    missing.Add($"{name} event {eventName}");
                }
            }

            foreach (var code in hub["errors"]!.AsArray())
            {
                if (!markdown.Contains($"`{code!.GetValue<string>()}`", StringComparison.Ordinal))
                {
                    missing.Add($"{name} code {code}");
                }
            }
        }

        missing.ShouldBeEmpty("docs/hubs.md does not explain these");
    }

    [Test]
    public void An_event_not_declared_with_that_payload_is_refused_before_it_is_sent()
    {
        Should.Throw<InvalidOperationException>(() => HubEvents.EnsureDeclared(HubEvents.ChatHub, "MessageReceived", new { text = "anonymous" }));
        Should.Throw<InvalidOperationException>(() => HubEvents.EnsureDeclared(HubEvents.GameHub, "Surprise", new Application.GameServer.RoomRef(Guid.NewGuid())));
        Should.NotThrow(() => HubEvents.EnsureDeclared(HubEvents.GameHub, "QueueTimedOut", new Application.GameServer.RoomRef(Guid.NewGuid())));
    }
}
