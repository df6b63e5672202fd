using System.Security.Cryptography;
using Transcendence.Domain.Common;

namespace Transcendence.Domain.Users;

/// <summary>
/// The picture a user chose to show: a PNG, JPEG, GIF or WebP image of at most <see cref="MaxBytes"/>
/// bytes, told apart by its content. <see cref="Tag"/> names this exact content (a SHA-256 of the bytes),
/// so caches can ask whether what they hold is still current.
/// </summary>
public sealed class Avatar
{
    public const int MaxBytes = 1024 * 1024;

    private readonly byte[] _content;

    private Avatar(Guid userId, string contentType, byte[] content, string tag, DateTimeOffset updatedAt)
    {
        UserId = userId;
        ContentType = contentType;
        _content = content;
        Tag = tag;
        UpdatedAt = updatedAt;
    }

    public Guid UserId { get; }

    public string ContentType { get; }

    public ReadOnlyMemory<byte> Content => _content;

    public string Tag { get; }

    public DateTimeOffset UpdatedAt { get; }

    /// <summary>
    /// <paramref name="owner"/> uploads <paramref name="content"/>. Refused when it is over
    /// <see cref="MaxBytes"/> (<c>too_large</c>) or not a known image (<c>unsupported_media_type</c>).
    /// </summary>
    public static Avatar Upload(User owner, ReadOnlySpan<byte> content, DateTimeOffset now)
    {
        if (content.Length > MaxBytes)
        {
            throw UserErrors.AvatarTooLarge(MaxBytes);
        }

        var format = ImageFormat.Detect(content) ?? throw UserErrors.AvatarNotAnImage();
        return new Avatar(owner.Id, format.ContentType, content.ToArray(), TagOf(content), Instant.Normalize(now));
    }

    /// <summary>Rebuilds an avatar the store already holds; no rule is re-run and the bytes are not copied.</summary>
    public static Avatar Rehydrate(Guid userId, string contentType, byte[] content, string tag, DateTimeOffset updatedAt) =>
        new(userId, contentType, content, tag, Instant.Normalize(updatedAt));

    /// <summary>The tag of some content: the lowercase hex SHA-256 of its bytes.</summary>
    public static string TagOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
