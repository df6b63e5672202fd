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
    public async Task Production_does_not_serve_the_document()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory, environment: "Production");

        (await app.CreateClient().GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
