using Transcendence.Domain.Users;

namespace Transcendence.Application.Avatars;

/// <summary>
/// An avatar as it is served: its bytes, their content type, and <see cref="Tag"/> (a hash of the bytes)
/// for the ETag. <see cref="UpdatedAt"/> is null for the built-in default.
/// </summary>
public sealed record AvatarFile(string ContentType, ReadOnlyMemory<byte> Content, string Tag, DateTimeOffset? UpdatedAt)
{
    public static AvatarFile Of(Avatar avatar) => new(avatar.ContentType, avatar.Content, avatar.Tag, avatar.UpdatedAt);
}

/// <summary>The picture served for users who have not uploaded one: a grey silhouette, built into this assembly.</summary>
public static class DefaultAvatar
{
    private const string ResourceName = "Transcendence.Application.Avatars.default-avatar.png";

    public static AvatarFile File { get; } = Load();

    private static AvatarFile Load()
    {
        using var stream = typeof(DefaultAvatar).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        return new AvatarFile(ImageFormat.Png.ContentType, content, Avatar.TagOf(content), null);
    }
}
