using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Avatars.SetAvatar;

/// <summary>
/// The caller uploads a new avatar, replacing the old one: a PNG, JPEG, GIF or WebP image (told by its
/// content) of at most 1 MiB.
/// </summary>
public sealed record SetAvatar(Guid CallerId, byte[]? File) : ICommand<AvatarInfo>;

/// <summary>
/// The avatar now served at <see cref="AvatarUrl"/>; <see cref="Etag"/> is its ETag, quoted as the header
/// carries it (the property is spelt so that JSON names it <c>etag</c>).
/// </summary>
public sealed record AvatarInfo(string AvatarUrl, string ContentType, int Size, string Etag);

public sealed class SetAvatarHandler(IUserRepository users, IAvatarStore avatars, TimeProvider clock) : ICommandHandler<SetAvatar, AvatarInfo>
{
    public async ValueTask<AvatarInfo> Handle(SetAvatar command, CancellationToken cancellationToken)
    {
        var owner = await users.GetAsync(command.CallerId, cancellationToken);
        var avatar = Avatar.Upload(owner, command.File, clock.GetUtcNow());
        await avatars.SaveAsync(avatar, cancellationToken);
        return new AvatarInfo(PublicProfile.AvatarUrlOf(owner.Id), avatar.ContentType, avatar.Content.Length, $"\"{avatar.Tag}\"");
    }
}
