using System.Net;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

public sealed class OpenApiTests
{
    [Test]
    public async Task Development_serves_an_openapi_document_describing_every_route()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);

        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        var paths = document["paths"]!.AsObject();
        paths.ContainsKey("/api/auth/dev-login").ShouldBeTrue();
        paths["/api/users/me"]!.AsObject().Select(p => p.Key).ShouldBe(["get", "patch"], ignoreOrder: true);
        paths.ContainsKey("/api/users/{id}").ShouldBeTrue();
        paths.ContainsKey("/api/users").ShouldBeTrue();
    }

    [Test]
    public async Task Production_serves_the_document_with_the_bearer_scheme_and_coded_problem_responses()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory, environment: "Production");

        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        var bearer = document["components"]!["securitySchemes"]!["Bearer"]!;
        bearer["type"]!.GetValue<string>().ShouldBe("http");
        bearer["scheme"]!.GetValue<string>().ShouldBe("bearer");
        var rename = document["paths"]!["/api/users/me"]!["patch"]!;
        rename["security"]!.AsArray().ShouldContain(requirement => requirement!.AsObject().ContainsKey("Bearer"));
        Codes(rename, "409").ShouldContain("user.name_taken");
        Codes(rename, "400").ShouldContain("validation");
        Codes(rename, "401").ShouldBe(["auth.required", "auth.invalid_token"], ignoreOrder: true);
        rename["responses"]!["409"]!["description"]!.GetValue<string>().ShouldContain("`user.name_taken`");
        Codes(rename, "503").ShouldBe(["unavailable"]);
        var devLogin = document["paths"]!["/api/auth/dev-login"]!["post"]!;
        devLogin.AsObject().ContainsKey("security").ShouldBeFalse();
        Codes(devLogin, "503").ShouldContain("unavailable");
    }

    [Test]
    public async Task The_reference_page_answers_html()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory, environment: "Production");

        var page = await app.CreateClient().GetAsync("/scalar");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("openapi/v1.json");
    }

    [Test]
    public async Task With_openapi_disabled_neither_the_document_nor_the_page_exists()
    {
        await using var app = await TranscendenceApp.StartAsync(
            StorageProvider.InMemory, settings: new Dictionary<string, string?> { ["OpenApi:Enabled"] = "false" }, environment: "Production");
        var client = app.CreateClient();

        (await client.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/scalar")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static List<string> Codes(System.Text.Json.Nodes.JsonNode operation, string status) =>
        operation["responses"]![status]!["x-error-codes"]!.AsArray().Select(code => code!.GetValue<string>()).ToList();
}
