using Mediator;

namespace Transcendence.Application.Channels.KickMember;

/// <summary>An admin or the owner removes a member, who may join again.</summary>
public sealed record KickMember(Guid UserId, Guid ChannelId, Guid TargetId) : ICommand;

public sealed class KickMemberHandler(Moderation moderation) : ICommandHandler<KickMember>
{
    public async ValueTask<Unit> Handle(KickMember command, CancellationToken cancellationToken)
    {
        var notice = await moderation.ApplyAsync(command.UserId, command.ChannelId, command.TargetId,
            (channel, actor, target) => channel.Kick(actor, target), cancellationToken);
        moderation.Removed(notice!, "kicked");
        return Unit.Value;
    }
}
