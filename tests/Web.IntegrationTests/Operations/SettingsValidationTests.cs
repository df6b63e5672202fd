using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>The real app process refuses to start on a setting that makes no sense, and names the key.</summary>
public sealed class SettingsValidationTests
{
    [TestCase("Chat__SendLimit__Messages", "0", "Chat:SendLimit:Messages")]
    [TestCase("Chat__SendLimit__Window", "00:00:00", "Chat:SendLimit:Window")]
    [TestCase("Game__HeartbeatInterval", "00:00:00", "Game:HeartbeatInterval")]
    [TestCase("Game__ReconnectGrace", "-00:00:01", "Game:ReconnectGrace")]
    [TestCase("Auth__RefreshTokens__Lifetime", "00:00:00", "Auth:RefreshTokens:Lifetime")]
    [TestCase("Auth__TwoFactor__TicketLifetime", "00:00:00", "Auth:TwoFactor:TicketLifetime")]
    [TestCase("Auth__Jwt__AccessTokenLifetime", "00:00:00", "Auth:Jwt:AccessTokenLifetime")]
    [TestCase("Auth__OAuth__TokenEndpoint", "not a url", "Auth:OAuth:TokenEndpoint")]
    [TestCase("Auth__RateLimits__Login__PermitLimit", "0", "Auth:RateLimits:*:PermitLimit")]
    public async Task A_setting_that_makes_no_sense_stops_the_app_at_start_naming_the_key(string variable, string value, string key)
    {
        var result = await WebProcess.RunAsync(new Dictionary<string, string>
        {
            ["Auth__Jwt__SigningKey"] = TestKeys.JwtSigningKey,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            [variable] = value,
        });

        result.ExitCode.ShouldNotBe(0);
        (result.Output + result.Error).ShouldContain(key);
    }
}
