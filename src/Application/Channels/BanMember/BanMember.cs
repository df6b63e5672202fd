using Mediator;

namespace Transcendence.Application.Channels.BanMember;

/// <summary>An admin or the owner bans a user until a time, or for good: they are removed and kept out.</summary>
public sealed record BanMember(Guid UserId, Guid ChannelId, Guid TargetId, DateTimeOffset? Until) : ICommand;

public sealed class BanMemberHandler(Moderation moderation, TimeProvider clock) : ICommandHandler<BanMember>
{
    public async ValueTask<Unit> Handle(BanMember command, CancellationToken cancellationToken)
    {
        var wasMember = false;
        var notice = await moderation.ApplyAsync(command.UserId, command.ChannelId, command.TargetId,
            (channel, actor, target) =>
            {
                wasMember = channel.IsMember(target.Id);
                return channel.Ban(actor, target, command.Until, clock.GetUtcNow());
            },
            cancellationToken);
        if (wasMember)
        {
            moderation.Removed(notice!, "banned");
        }

        return Unit.Value;
    }
}
