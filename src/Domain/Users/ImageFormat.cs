namespace Transcendence.Domain.Users;

/// <summary>
/// The image formats an avatar may be, recognised by their first bytes (their signature) only: a file's
/// name and the type a client declares are easy to get wrong or to forge, its content is what a browser
/// will decode.
/// </summary>
public sealed record ImageFormat(string Name, string ContentType)
{
    public static ImageFormat Png { get; } = new("PNG", "image/png");

    public static ImageFormat Jpeg { get; } = new("JPEG", "image/jpeg");

    public static ImageFormat Gif { get; } = new("GIF", "image/gif");

    public static ImageFormat WebP { get; } = new("WebP", "image/webp");

    public static IReadOnlyList<ImageFormat> All { get; } = [Png, Jpeg, Gif, WebP];

    /// <summary>The format whose signature <paramref name="content"/> starts with, or null.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        // A RIFF container (4-byte size in between) holding a WEBP whose first chunk is one of WebP's own.
        if (content.Length >= 16
            && content.StartsWith("RIFF"u8)
            && content[8..12].SequenceEqual("WEBP"u8)
            && (content[12..16].SequenceEqual("VP8 "u8) || content[12..16].SequenceEqual("VP8L"u8) || content[12..16].SequenceEqual("VP8X"u8)))
        {
            return WebP;
        }

        return null;
    }
}
