using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>Scale-out settings are checked when the real app process starts: nonsense stops it, with a sentence saying why.</summary>
public sealed class ScaleOutSettingsTests
{
    [Test]
    public async Task Scale_out_on_the_in_memory_store_is_refused_at_start_saying_why()
    {
        var result = await RunAsync(new() { ["ConnectionStrings__Redis"] = "127.0.0.1:1", ["Storage__Provider"] = "InMemory" });

        result.ExitCode.ShouldNotBe(0);
        (result.Output + result.Error).ShouldContain("each instance would have its own database");
    }

    [TestCase("ScaleOut__InstanceId", "two words", "ScaleOut:InstanceId")]
    [TestCase("ScaleOut__KeyPrefix", "", "ScaleOut:KeyPrefix")]
    [TestCase("ScaleOut__LeaseTtl", "00:00:00", "ScaleOut:LeaseTtl")]
    [TestCase("ConnectionStrings__Redis", "127.0.0.1:1,nonsense=1", "ConnectionStrings:Redis")]
    public async Task A_scale_out_setting_that_makes_no_sense_stops_the_app_naming_the_key(string variable, string value, string key)
    {
        var result = await RunAsync(new()
        {
            ["ConnectionStrings__Redis"] = "127.0.0.1:1",
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=none;Database=none;Timeout=1",
            [variable] = value,
        });

        result.ExitCode.ShouldNotBe(0);
        (result.Output + result.Error).ShouldContain(key);
    }

    private static Task<WebProcess.Result> RunAsync(Dictionary<string, string> settings)
    {
        settings["Auth__Jwt__SigningKey"] = TestKeys.JwtSigningKey;
        settings["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        return WebProcess.RunAsync(settings);
    }
}
