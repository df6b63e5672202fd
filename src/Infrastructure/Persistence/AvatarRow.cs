using Transcendence.Domain.Users;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>An uploaded avatar as both stores hold it. The bytes are copied in, so a stored row never shares them.</summary>
public sealed class AvatarRow
{
    public Guid UserId { get; init; }

    public string ContentType { get; init; } = string.Empty;

    public byte[] Content { get; init; } = [];

    public string Tag { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; init; }

    public static AvatarRow From(Avatar avatar) => new()
    {
        UserId = avatar.UserId,
        ContentType = avatar.ContentType,
        Content = avatar.Content.ToArray(),
        Tag = avatar.Tag,
        UpdatedAt = avatar.UpdatedAt,
    };

    // The avatar only exposes its bytes read-only, so it may share the row's array.
    public Avatar ToAvatar() => Avatar.Rehydrate(UserId, ContentType, Content, Tag, UpdatedAt);
}
