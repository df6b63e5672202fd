using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Chat;
using Transcendence.Web.IntegrationTests.Infrastructure;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.IntegrationTests.Hubs;

/// <summary>
/// What an idle hub connection keeps for as long as it is open (issue 14: memory per idle connection): the
/// request's principal with only the claims the app reads, no copy of the token, no logger of its own.
/// </summary>
public sealed class IdleConnectionFootprintTests
{
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task StartApp() => _app = await TranscendenceApp.StartAsync(StorageProvider.InMemory);

    [TearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [Test]
    public async Task A_hub_connection_keeps_only_the_user_and_login_of_its_token()
    {
        var alice = await ApiClient.LoginAsync(_app, "alice");
        await using var tab = await _app.ConnectChatAsync(alice);

        var connection = ServerSideOf(alice);
        connection.User.Claims.Select(c => c.Type).ShouldBe([JwtRegisteredClaimNames.Sub, JwtRegisteredClaimNames.Sid], ignoreOrder: true);
        connection.User.FindFirst(JwtRegisteredClaimNames.Sub)!.Value.ShouldBe(alice.UserId.ToString());
        // The validated token rides on the identity it made (CaseSensitiveClaimsIdentity.SecurityToken): not this one.
        connection.User.Identities.ShouldAllBe(identity => identity.GetType() == typeof(ClaimsIdentity) && identity.BootstrapContext == null);
        connection.User.Identity!.IsAuthenticated.ShouldBeTrue();

        var authentication = connection.GetHttpContext()!.Features.Get<IAuthenticateResultFeature>()!.AuthenticateResult!;
        var properties = authentication.Properties.ShouldNotBeNull();
        properties.GetTokenValue("access_token").ShouldBeNull();
        properties.Items.Keys.ShouldNotContain(key => key.StartsWith(".Token", StringComparison.Ordinal));
    }

    [Test]
    public async Task The_app_hands_out_one_logger_per_category()
    {
        // ASP.NET Core asks the factory for loggers per hub connection (its context, its transport, the JWT handler).
        var factory = _app.Services.GetRequiredService<ILoggerFactory>();

        var first = factory.CreateLogger("Microsoft.AspNetCore.SignalR.HubConnectionContext");
        var second = factory.CreateLogger("Microsoft.AspNetCore.SignalR.HubConnectionContext");

        second.ShouldBeSameAs(first);
        factory.CreateLogger("Transcendence.Other").ShouldNotBeSameAs(first);
    }

    private HubConnectionContext ServerSideOf(ApiClient user)
    {
        var sessionId = Guid.Parse(new JsonWebToken(user.AccessToken).GetClaim(JwtRegisteredClaimNames.Sid).Value);
        var registry = _app.Services.GetServices<IHubConnectionRegistry>().Single(r => r.Hub == "ChatHub");
        return registry.OfSession(sessionId).ShouldHaveSingleItem();
    }
}
