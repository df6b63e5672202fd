using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>
/// On Postgres, logins and two-factor survive an app restart: the rows stay, and the Data Protection keys
/// (in the database) still decrypt the TOTP secrets.
/// </summary>
public sealed class RestartTests
{
    [Test]
    public async Task Refresh_tokens_and_two_factor_work_after_a_restart_on_the_same_database()
    {
        string connectionString;
        string refreshToken;
        string secret;
        string twoFactorRefreshToken;
        await using (var before = await TranscendenceApp.StartAsync(StorageProvider.Postgres))
        {
            connectionString = before.ConnectionString!;
            refreshToken = (await AuthTestHelpers.DevLoginAsync(before.CreateClient(), "plain"))["refreshToken"]!.GetValue<string>();

            var guarded = await ApiClient.LoginAsync(before, "guarded");
            secret = (await (await guarded.Http.PostAsync("/api/auth/2fa/setup", null)).ReadJsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
            (await guarded.Http.PostAsJsonAsync("/api/auth/2fa/enable", new { code = AuthTestHelpers.TotpCode(secret, before.Clock.GetUtcNow()) }))
                .StatusCode.ShouldBe(HttpStatusCode.NoContent);
            twoFactorRefreshToken = await LoginWithTwoFactorAsync(before, "guarded", secret, before.Clock.GetUtcNow().AddSeconds(30));
        }

        await using var after = await TranscendenceApp.StartAsync(StorageProvider.Postgres, connectionString);
        var http = after.CreateClient();

        var refreshed = await (await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).ReadJsonAsync(HttpStatusCode.OK);
        refreshed["user"]!["login"]!.GetValue<string>().ShouldBe("plain");
        (await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = twoFactorRefreshToken })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The replay protection survived: the code last used before the restart is still spent...
        var ticket = (await AuthTestHelpers.DevLoginAsync(http, "guarded"))["ticket"]!.GetValue<string>();
        await (await http.PostAsJsonAsync("/api/auth/2fa/verify", new { ticket, code = AuthTestHelpers.TotpCode(secret, after.Clock.GetUtcNow().AddSeconds(30)) }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.two_factor_invalid");
        // ...and the secret still decrypts: a later code logs in.
        after.Clock.Advance(TimeSpan.FromMinutes(1));
        await LoginWithTwoFactorAsync(after, "guarded", secret, after.Clock.GetUtcNow());
    }

    [Test]
    public async Task The_totp_secret_is_stored_encrypted_and_refresh_tokens_only_as_hashes()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.Postgres);
        var jdoe = await ApiClient.LoginAsync(app, "jdoe");
        var refreshToken = (await AuthTestHelpers.DevLoginAsync(app.CreateClient(), "jdoe"))["refreshToken"]!.GetValue<string>();
        var secret = (await (await jdoe.Http.PostAsync("/api/auth/2fa/setup", null)).ReadJsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var stored = await connection.ExecuteScalarAsync<string>("select protected_secret from user_two_factor");
        stored.ShouldNotBeNullOrEmpty();
        stored.ShouldNotContain(secret);
        (await connection.ExecuteScalarAsync<long>("select count(*) from data_protection_keys")).ShouldBeGreaterThan(0);
        var hashes = (await connection.QueryAsync<string>("select token_hash from refresh_tokens")).ToList();
        hashes.ShouldNotContain(refreshToken);
        hashes.ShouldContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(refreshToken))));
    }

    /// <summary>Dev-login (which asks for the second factor), then verify with the code at <paramref name="codeTime"/>; returns the refresh token.</summary>
    private static async Task<string> LoginWithTwoFactorAsync(TranscendenceApp app, string login, string secret, DateTimeOffset codeTime)
    {
        var http = app.CreateClient();
        var ticket = (await AuthTestHelpers.DevLoginAsync(http, login))["ticket"]!.GetValue<string>();
        var tokens = await (await http.PostAsJsonAsync("/api/auth/2fa/verify", new { ticket, code = AuthTestHelpers.TotpCode(secret, codeTime) }))
            .ReadJsonAsync(HttpStatusCode.OK);
        return tokens["refreshToken"]!.GetValue<string>();
    }
}
