using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Transcendence.Infrastructure;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Auth;

/// <summary>No signing key is committed: in Development each run makes its own, so nobody can forge tokens with a published one.</summary>
public sealed class SigningKeyTests
{
    /// <summary>The key appsettings.Development.json used to carry: public, so tokens signed with it prove nothing.</summary>
    private const string OnceCommittedKey = "development-only-signing-key-not-for-production-use-0123456789";

    private static readonly Dictionary<string, string?> NoConfiguredKey = new() { ["Auth:Jwt:SigningKey"] = null };

    [Test]
    public void The_committed_settings_files_hold_no_signing_key()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "Web"), "appsettings*.json");

        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            var key = JsonNode.Parse(File.ReadAllText(file))?["Auth"]?["Jwt"]?["SigningKey"]?.GetValue<string>();
            key.ShouldBeNullOrEmpty($"{Path.GetFileName(file)} carries a signing key");
        }
    }

    [Test]
    public async Task In_development_without_a_configured_key_a_token_signed_with_the_once_committed_key_is_refused()
    {
        await using var app = await TranscendenceApp.StartAsync(StorageProvider.InMemory, settings: NoConfiguredKey);
        var user = await ApiClient.LoginAsync(app, "jdoe");
        (await user.Http.GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The same claims as the real token (its login still stands), signed with the published key.
        var forged = Forge(user.AccessToken, OnceCommittedKey, app.Clock.GetUtcNow());
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        await (await http.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Test]
    public async Task Two_development_runs_without_a_configured_key_refuse_each_others_tokens()
    {
        // One database for both, so only the signing key can tell the logins apart.
        string? database;
        string firstRunsToken;
        await using (var first = await TranscendenceApp.StartAsync(StorageProvider.Postgres, settings: NoConfiguredKey))
        {
            database = first.ConnectionString;
            firstRunsToken = (await ApiClient.LoginAsync(first, "jdoe")).AccessToken;
        }

        await using var second = await TranscendenceApp.StartAsync(StorageProvider.Postgres, database, NoConfiguredKey);
        using var http = second.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", firstRunsToken);

        await (await http.GetAsync("/api/users/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
        var again = await ApiClient.LoginAsync(second, "jdoe");
        (await again.Http.GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string Forge(string realToken, string key, DateTimeOffset now)
    {
        var handler = new JsonWebTokenHandler();
        var real = handler.ReadJsonWebToken(realToken);
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = real.Issuer,
            Audience = real.Audiences.Single(),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(15).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = real.Subject,
                [JwtRegisteredClaimNames.Sid] = real.GetClaim(JwtRegisteredClaimNames.Sid).Value,
                [JwtRegisteredClaimNames.Name] = real.GetClaim(JwtRegisteredClaimNames.Name).Value,
            },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Transcendence.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Transcendence.sln above {AppContext.BaseDirectory}");
    }
}
