using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Avatars.RemoveAvatar;

/// <summary>The caller drops their avatar and shows the default one again; with none, nothing changes.</summary>
public sealed record RemoveAvatar(Guid CallerId) : ICommand;

public sealed class RemoveAvatarHandler(IAvatarStore avatars) : ICommandHandler<RemoveAvatar>
{
    public async ValueTask<Unit> Handle(RemoveAvatar command, CancellationToken cancellationToken)
    {
        await avatars.RemoveAsync(command.CallerId, cancellationToken);
        return Unit.Value;
    }
}
