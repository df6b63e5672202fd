namespace Transcendence.TestSupport;

public static class TestKeys
{
    /// <summary>A signing key of the required strength, for tests only.</summary>
    public const string JwtSigningKey = "test-signing-key-of-at-least-thirty-two-bytes-0123456789";
}
