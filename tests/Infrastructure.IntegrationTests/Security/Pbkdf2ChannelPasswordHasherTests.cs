using Transcendence.Infrastructure.Security;

namespace Transcendence.Infrastructure.IntegrationTests.Security;

[TestFixture]
public sealed class Pbkdf2ChannelPasswordHasherTests
{
    private readonly Pbkdf2ChannelPasswordHasher _hasher = new();

    [Test]
    public void A_hash_verifies_the_password_it_was_made_from_and_no_other()
    {
        var hash = _hasher.Hash("correct horse");

        _hasher.Verify(hash, "correct horse").ShouldBeTrue();
        _hasher.Verify(hash, "correct horse ").ShouldBeFalse();
        _hasher.Verify(hash, "Correct horse").ShouldBeFalse();
        _hasher.Verify(hash, string.Empty).ShouldBeFalse();
    }

    [Test]
    public void A_hash_names_the_scheme_and_at_least_100000_iterations_and_never_holds_the_password()
    {
        var hash = _hasher.Hash("s3cret-password");

        var parts = hash.Split('$');
        parts.Length.ShouldBe(4);
        parts[0].ShouldBe("pbkdf2-sha256");
        int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(100_000);
        Convert.FromBase64String(parts[2]).Length.ShouldBe(16);
        Convert.FromBase64String(parts[3]).Length.ShouldBe(32);
        hash.ShouldNotContain("s3cret");
    }

    [Test]
    public void The_same_password_hashes_differently_each_time_with_a_fresh_salt()
    {
        var first = _hasher.Hash("same");
        var second = _hasher.Hash("same");

        first.ShouldNotBe(second);
        _hasher.Verify(first, "same").ShouldBeTrue();
        _hasher.Verify(second, "same").ShouldBeTrue();
    }

    [Test]
    public void Non_ascii_passwords_verify()
    {
        var hash = _hasher.Hash("mot de passe été 🔑");

        _hasher.Verify(hash, "mot de passe été 🔑").ShouldBeTrue();
        _hasher.Verify(hash, "mot de passe ete 🔑").ShouldBeFalse();
    }

    [TestCase("")]
    [TestCase("plain-text")]
    [TestCase("pbkdf2-sha256$210000$not base64$AAAA")]
    [TestCase("pbkdf2-sha256$abc$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [TestCase("pbkdf2-sha1$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [TestCase("pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    [TestCase("pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$extra")]
    public void A_malformed_hash_verifies_nothing(string hash)
    {
        _hasher.Verify(hash, "anything").ShouldBeFalse();
    }

    [Test]
    public void A_hash_made_with_too_few_iterations_is_not_trusted()
    {
        var salt = new byte[16];
        var weak = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            "weak"u8.ToArray(), salt, 1000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);

        _hasher.Verify($"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(weak)}", "weak").ShouldBeFalse();
    }

    [Test]
    public void A_hash_made_with_another_iteration_count_still_verifies()
    {
        var salt = new byte[16];
        var derived = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            "raised"u8.ToArray(), salt, 120_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);

        _hasher.Verify($"pbkdf2-sha256$120000${Convert.ToBase64String(salt)}${Convert.ToBase64String(derived)}", "raised").ShouldBeTrue();
    }

    [Test]
    public void A_new_hash_uses_owasps_600000_iterations_and_needs_no_rehash()
    {
        var hash = _hasher.Hash("correct horse");

        hash.Split('$')[1].ShouldBe("600000");
        _hasher.NeedsRehash(hash).ShouldBeFalse();
    }

    [Test]
    public void A_210000_iteration_hash_from_before_still_verifies_and_asks_for_a_rehash()
    {
        var salt = new byte[16];
        var derived = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            "old channel"u8.ToArray(), salt, 210_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        var old = $"pbkdf2-sha256$210000${Convert.ToBase64String(salt)}${Convert.ToBase64String(derived)}";

        _hasher.Verify(old, "old channel").ShouldBeTrue();
        _hasher.NeedsRehash(old).ShouldBeTrue();
    }

    [Test]
    public void A_password_with_a_lone_surrogate_verifies_against_nothing()
    {
        var hash = _hasher.Hash("x\ufffd");

        _hasher.Verify(hash, "x\ud800").ShouldBeFalse();
    }
}
