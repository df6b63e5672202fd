using System.Text;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Users;

public sealed class AvatarTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static readonly byte[] PngStart = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    private static readonly byte[] Gif87Start = "GIF87a\x01\x00"u8.ToArray();
    private static readonly byte[] Gif89Start = "GIF89a\x01\x00"u8.ToArray();
    private static readonly byte[] WebPStart = "RIFF\x24\x00\x00\x00WEBPVP8 "u8.ToArray();
    private static readonly byte[] WebPLosslessStart = "RIFF\x24\x00\x00\x00WEBPVP8L"u8.ToArray();

    private readonly User _owner = User.Register("alice", DisplayName.Parse("alice"), Now);

    public static IEnumerable<TestCaseData> Images()
    {
        yield return new TestCaseData(PngStart, "image/png").SetName("A PNG is recognised");
        yield return new TestCaseData(JpegStart, "image/jpeg").SetName("A JPEG is recognised");
        yield return new TestCaseData(Gif87Start, "image/gif").SetName("A GIF87a is recognised");
        yield return new TestCaseData(Gif89Start, "image/gif").SetName("A GIF89a is recognised");
        yield return new TestCaseData(WebPStart, "image/webp").SetName("A lossy WebP is recognised");
        yield return new TestCaseData(WebPLosslessStart, "image/webp").SetName("A lossless WebP is recognised");
    }

    public static IEnumerable<TestCaseData> NotImages()
    {
        yield return new TestCaseData(Encoding.UTF8.GetBytes("just some text, named avatar.png")).SetName("Text is refused");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")).SetName("SVG is refused");
        yield return new TestCaseData("RIFF\x24\x00\x00\x00WAVEfmt "u8.ToArray()).SetName("A RIFF that is not WebP is refused");
        yield return new TestCaseData("BM\x36\x00"u8.ToArray()).SetName("A BMP is refused");
        yield return new TestCaseData(PngStart[..7]).SetName("A truncated PNG signature is refused");
        yield return new TestCaseData(Array.Empty<byte>()).SetName("Nothing is refused");
    }

    [TestCaseSource(nameof(Images))]
    public void Known_images_are_recognised_by_their_content(byte[] content, string contentType)
    {
        var avatar = Avatar.Upload(_owner, content, Now);

        avatar.ContentType.ShouldBe(contentType);
        avatar.UserId.ShouldBe(_owner.Id);
        avatar.Content.ToArray().ShouldBe(content);
        avatar.UpdatedAt.ShouldBe(Now);
    }

    [TestCaseSource(nameof(NotImages))]
    public void Anything_else_is_an_unsupported_media_type(byte[] content)
    {
        var refused = Should.Throw<DomainException>(() => Avatar.Upload(_owner, content, Now));

        refused.Code.ShouldBe("unsupported_media_type");
        refused.Kind.ShouldBe(ErrorKind.UnsupportedMediaType);
    }

    [Test]
    public void Exactly_one_mebibyte_is_accepted()
    {
        var content = new byte[Avatar.MaxBytes];
        PngStart.CopyTo(content, 0);

        Avatar.Upload(_owner, content, Now).Content.Length.ShouldBe(1024 * 1024);
    }

    [Test]
    public void One_byte_over_a_mebibyte_is_too_large()
    {
        var content = new byte[Avatar.MaxBytes + 1];
        PngStart.CopyTo(content, 0);

        var refused = Should.Throw<DomainException>(() => Avatar.Upload(_owner, content, Now));

        refused.Code.ShouldBe("too_large");
        refused.Kind.ShouldBe(ErrorKind.TooLarge);
    }

    [Test]
    public void The_tag_is_the_sha256_of_the_bytes_so_equal_content_has_equal_tags()
    {
        var first = Avatar.Upload(_owner, PngStart, Now);
        var same = Avatar.Upload(_owner, PngStart, Now.AddDays(1));
        var other = Avatar.Upload(_owner, JpegStart, Now);

        first.Tag.ShouldBe(same.Tag);
        first.Tag.ShouldNotBe(other.Tag);
        first.Tag.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(PngStart)));
    }

    [Test]
    public void The_avatar_keeps_its_own_copy_of_the_bytes()
    {
        var content = (byte[])PngStart.Clone();
        var avatar = Avatar.Upload(_owner, content, Now);

        content[^1] = 0xFF;

        avatar.Content.ToArray().ShouldBe(PngStart);
    }
}
