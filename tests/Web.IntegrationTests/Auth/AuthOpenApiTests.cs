using System.Net;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>The OpenAPI document describes every auth route, each with a summary.</summary>
public sealed class AuthOpenApiTests
{
    [TestCase("/api/auth/login", "get")]
    [TestCase("/api/auth/callback", "get")]
    [TestCase("/api/auth/login/complete", "get")]
    [TestCase("/api/auth/refresh", "post")]
    [TestCase("/api/auth/logout", "post")]
    [TestCase("/api/auth/dev-login", "post")]
    [TestCase("/api/auth/2fa/setup", "post")]
    [TestCase("/api/auth/2fa/enable", "post")]
    [TestCase("/api/auth/2fa/disable", "post")]
    [TestCase("/api/auth/2fa/verify", "post")]
    public async Task Every_auth_route_is_described_with_a_summary(string path, string method)
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);

        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        var operation = document["paths"]?[path]?[method];
        operation.ShouldNotBeNull($"{method.ToUpperInvariant()} {path} is in the document");
        operation["summary"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }
}
