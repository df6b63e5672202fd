using Mediator;

namespace Transcendence.Application.Channels.UnbanMember;

/// <summary>An admin or the owner lifts a ban (nothing happens when there is none).</summary>
public sealed record UnbanMember(Guid UserId, Guid ChannelId, Guid TargetId) : ICommand;

public sealed class UnbanMemberHandler(Moderation moderation) : ICommandHandler<UnbanMember>
{
    public async ValueTask<Unit> Handle(UnbanMember command, CancellationToken cancellationToken)
    {
        await moderation.ApplyAsync(command.UserId, command.ChannelId, command.TargetId,
            (channel, actor, target) => channel.Unban(actor, target), cancellationToken);
        return Unit.Value;
    }
}
