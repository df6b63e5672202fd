using Mediator;

namespace Transcendence.Application.Channels.UnmuteMember;

/// <summary>An admin or the owner lifts a mute early (nothing happens when there is none).</summary>
public sealed record UnmuteMember(Guid UserId, Guid ChannelId, Guid TargetId) : ICommand;

public sealed class UnmuteMemberHandler(Moderation moderation) : ICommandHandler<UnmuteMember>
{
    public async ValueTask<Unit> Handle(UnmuteMember command, CancellationToken cancellationToken)
    {
        await moderation.ApplyAsync(command.UserId, command.ChannelId, command.TargetId,
            (channel, actor, target) => channel.Unmute(actor, target), cancellationToken);
        return Unit.Value;
    }
}
