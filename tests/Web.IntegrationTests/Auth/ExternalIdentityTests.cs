using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>
/// Provider accounts are keyed by the provider's immutable id, not its login: a renamed login opens the
/// same account, a recycled one does not open its former holder's; accounts from before ids were kept are
/// linked by login on their next login; dev-login accounts stay apart. A real provider, on each store.
/// </summary>
[TestFixture(StorageProvider.InMemory)]
[TestFixture(StorageProvider.Postgres)]
public sealed class ExternalIdentityTests(StorageProvider provider)
{
    private FakeOAuthProvider _provider = null!;
    private TranscendenceApp _app = null!;

    [SetUp]
    public async Task Start()
    {
        _provider = await FakeOAuthProvider.StartAsync();
        _app = await TranscendenceApp.StartAsync(provider, settings: _provider.AppSettings);
    }

    [TearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Test]
    public async Task A_login_renamed_at_the_provider_opens_the_same_account_under_the_new_login()
    {
        _provider.User = FakeOAuthProvider.MakeUser(4242, "marvin");
        var before = await LogInAsync();

        _provider.User = FakeOAuthProvider.MakeUser(4242, "marvin-the-robot");
        var after = await LogInAsync();

        after["id"]!.GetValue<string>().ShouldBe(before["id"]!.GetValue<string>());
        after["login"]!.GetValue<string>().ShouldBe("marvin-the-robot");
        after["displayName"]!.GetValue<string>().ShouldBe("marvin", "the display name is the user's own");
    }

    [Test]
    public async Task A_recycled_login_gets_a_new_account_and_not_its_former_holders()
    {
        _provider.User = FakeOAuthProvider.MakeUser(4242, "marvin");
        var former = await LogInAsync();

        _provider.User = FakeOAuthProvider.MakeUser(9999, "marvin");
        var newcomer = await LogInAsync();

        newcomer["id"]!.GetValue<string>().ShouldNotBe(former["id"]!.GetValue<string>());
        newcomer["login"]!.GetValue<string>().ShouldBe("marvin");
        newcomer["displayName"]!.GetValue<string>().ShouldBe("marvin2");
        _provider.User = FakeOAuthProvider.MakeUser(4242, "marvin");
        (await LogInAsync())["id"]!.GetValue<string>().ShouldBe(former["id"]!.GetValue<string>());
    }

    [Test]
    public async Task An_account_from_before_ids_were_kept_is_linked_by_login_once_and_then_only_by_id()
    {
        var legacy = await AddLegacyAccountAsync("marvin");

        _provider.User = FakeOAuthProvider.MakeUser(4242, "marvin");
        (await LogInAsync())["id"]!.GetValue<string>().ShouldBe(legacy.ToString());

        _provider.User = FakeOAuthProvider.MakeUser(9999, "marvin");
        (await LogInAsync())["id"]!.GetValue<string>().ShouldNotBe(legacy.ToString());
        _provider.User = FakeOAuthProvider.MakeUser(4242, "marvin-renamed");
        (await LogInAsync())["id"]!.GetValue<string>().ShouldBe(legacy.ToString());
    }

    [Test]
    public async Task Dev_login_accounts_and_provider_accounts_with_the_same_login_stay_apart()
    {
        var dev = await ApiClient.LoginAsync(_app, "marvin");

        _provider.User = FakeOAuthProvider.MakeUser(4242, "marvin");
        var external = await LogInAsync();

        external["id"]!.GetValue<string>().ShouldNotBe(dev.UserId.ToString());
        (await ApiClient.LoginAsync(_app, "marvin")).UserId.ShouldBe(dev.UserId);
    }

    [Test]
    public async Task User_information_without_an_id_is_a_502_problem_and_creates_no_user()
    {
        _provider.User.Remove("id");
        using var browser = new Browser(_app);

        var response = await browser.LogInThroughProviderAsync();

        await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "auth.oauth_failed");
        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IUserRepository>().SearchAsync("marvin", 10, CancellationToken.None)).ShouldBeEmpty();
    }

    /// <summary>Logs in through the provider in a fresh browser and returns the signed-in user's profile.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> LogInAsync()
    {
        using var browser = new Browser(_app);
        var response = await browser.LogInThroughProviderAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        var tokens = await (await browser.App.PostAsync("/api/auth/refresh", null)).ReadJsonAsync(HttpStatusCode.OK);
        return tokens["user"]!;
    }

    /// <summary>A provider account as the app stored it before provider ids were kept (the migration leaves them so).</summary>
    private async Task<Guid> AddLegacyAccountAsync(string login)
    {
        var user = User.Rehydrate(Guid.CreateVersion7(), login, login, _app.Clock.GetUtcNow(), provider: "42");
        await using var scope = _app.Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.BeginAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<IUserRepository>().AddAsync(user, CancellationToken.None);
        await unitOfWork.CommitAsync(CancellationToken.None);
        return user.Id;
    }
}
