using Transcendence.Domain.Auth;

namespace Transcendence.Domain.UnitTests.Auth;

public sealed class OpaqueTokenTests
{
    [Test]
    public void Tokens_carry_256_random_bits_in_base64url()
    {
        var token = OpaqueToken.New();

        token.Length.ShouldBe(43);
        token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ShouldBeTrue();
        OpaqueToken.New().ShouldNotBe(token);
    }

    [Test]
    public void The_stored_form_is_the_sha256_in_lowercase_hex()
    {
        OpaqueToken.Hash("abc").ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
