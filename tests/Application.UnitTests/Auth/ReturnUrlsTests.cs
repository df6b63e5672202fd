using Transcendence.Application.Auth;

namespace Transcendence.Application.UnitTests.Auth;

public sealed class ReturnUrlsTests
{
    private static readonly string[] Allowed = ["https://app.example.com", "http://localhost:5173"];

    [TestCase("/", "/")]
    [TestCase("/lobby", "/lobby")]
    [TestCase("/lobby?tab=chat#top", "/lobby?tab=chat#top")]
    [TestCase("/%2F%2Fevil.example", "/%2F%2Fevil.example")]
    [TestCase("https://app.example.com/after?x=1", "https://app.example.com/after?x=1")]
    [TestCase("HTTPS://APP.EXAMPLE.COM/x", "https://app.example.com/x")]
    [TestCase("https://app.example.com:443/x", "https://app.example.com/x")]
    [TestCase("http://localhost:5173/game", "http://localhost:5173/game")]
    public void Local_paths_and_allowed_origins_are_honoured(string candidate, string expected) =>
        ReturnUrls.Resolve(candidate, Allowed).ShouldBe(expected);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("lobby")]
    [TestCase("//evil.example")]
    [TestCase("///evil.example")]
    [TestCase("/\\evil.example")]
    [TestCase("\\\\evil.example")]
    [TestCase("/lobby\\..\\x")]
    [TestCase(" //evil.example")]
    [TestCase("/\t/evil.example")]
    [TestCase("/\n/evil.example")]
    [TestCase("https://evil.example/")]
    [TestCase("https://app.example.com.evil.example/")]
    [TestCase("https://evil.example/https://app.example.com")]
    [TestCase("https://user@app.example.com/")]
    [TestCase("https://app.example.com@evil.example/")]
    [TestCase("http://app.example.com/")]
    [TestCase("https://app.example.com:8443/")]
    [TestCase("http://localhost:5174/")]
    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html,hi")]
    [TestCase("ftp://app.example.com/")]
    public void Anything_else_falls_back_to_the_root(string? candidate) =>
        ReturnUrls.Resolve(candidate, Allowed).ShouldBe("/");

    [Test]
    public void Without_allowed_origins_only_local_paths_pass() =>
        ReturnUrls.Resolve("https://app.example.com/", []).ShouldBe("/");
}
