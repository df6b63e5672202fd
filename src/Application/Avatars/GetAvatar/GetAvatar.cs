using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Application.Avatars.GetAvatar;

/// <summary>The picture a user shows: the one they uploaded, else the built-in default.</summary>
public sealed record GetAvatar(Guid UserId) : IQuery<AvatarFile>;

public sealed class GetAvatarHandler(IUserRepository users, IAvatarStore avatars) : IQueryHandler<GetAvatar, AvatarFile>
{
    public async ValueTask<AvatarFile> Handle(GetAvatar query, CancellationToken cancellationToken)
    {
        // An uploaded avatar proves its user exists; only the default needs the user looked up.
        if (await avatars.FindAsync(query.UserId, cancellationToken) is { } avatar)
        {
            return AvatarFile.Of(avatar);
        }

        await users.GetAsync(query.UserId, cancellationToken);
        return DefaultAvatar.File;
    }
}
