using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Transcendence.Infrastructure;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>Traces and metrics leave the process: over OTLP/HTTP to a real receiver, and on the Prometheus endpoint.</summary>
public sealed class TelemetryTests
{
    [Test]
    public async Task Spans_and_metrics_reach_an_otlp_receiver_and_the_prometheus_endpoint_answers_a_scrape()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var database = await PostgresTestServer.Instance.CreateMigratedDatabaseAsync();
        await using var app = await RunningWebProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = database,
            ["Auth__Jwt__SigningKey"] = TestKeys.JwtSigningKey,
            ["Auth__DevLogin__Enabled"] = "true",
            ["Telemetry__Prometheus__Enabled"] = "true",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        using var http = app.CreateClient();

        // An HTTP request that runs a command on PostgreSQL, then a hub invocation (refused: no such channel).
        var login = await (await http.PostAsJsonAsync("/api/auth/dev-login", new { login = "otel" })).ReadJsonAsync(HttpStatusCode.OK);
        var token = login["accessToken"]!.GetValue<string>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/chat"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await hub.StartAsync();
        await Should.ThrowAsync<HubException>(() => hub.InvokeAsync<JsonNode>("SendMessage", Guid.NewGuid(), "hello", "c1"));

        // The HTTP request, the command it sent, its SQL, and the hub invocation: each from its own source.
        var spans = new Func<(string Scope, string Name), bool>[]
        {
            s => s.Scope == "Microsoft.AspNetCore" && s.Name.Contains("dev-login"),
            s => s.Scope == "Transcendence.Application" && s.Name == "DevLogin",
            s => s.Scope == "Npgsql",
            s => s.Scope == "Microsoft.AspNetCore.SignalR.Server" && s.Name.EndsWith("/SendMessage"),
        };
        (await OtlpReceiver.EventuallyAsync(() => spans.All(receiver.Spans.Any)))
            .ShouldBeTrue($"spans received: {string.Join(", ", receiver.Spans.Distinct())}\n{app.Output}");

        var metrics = new[] { "http.server.request.duration", "signalr.server.active_connections", "transcendence.message.duration", "transcendence.game.rooms.playing" };
        (await OtlpReceiver.EventuallyAsync(() => metrics.All(metric => receiver.Metrics.Any(m => m.Name == metric))))
            .ShouldBeTrue($"metrics received: {string.Join(", ", receiver.Metrics.Select(m => m.Name).Distinct())}");

        var scrape = await PrometheusScrape.ReadAsync(http);
        scrape.Sum("transcendence_message_duration_seconds_count", "transcendence_message=\"DevLogin\"").ShouldBeGreaterThanOrEqualTo(1, scrape.Text);
        scrape.Text.ShouldContain("http_server_request_duration_seconds_bucket");
        scrape.Text.ShouldContain("transcendence_game_rooms_playing");
    }

    [Test]
    public async Task Without_prometheus_enabled_there_is_no_scrape_endpoint()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);

        (await app.CreateClient().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
