using Mediator;

namespace Transcendence.Application.Channels.SetAdmin;

/// <summary>The owner grants (<see cref="Admin"/> true) or revokes admin rights.</summary>
public sealed record SetAdmin(Guid UserId, Guid ChannelId, Guid TargetId, bool Admin) : ICommand;

public sealed class SetAdminHandler(Moderation moderation) : ICommandHandler<SetAdmin>
{
    public async ValueTask<Unit> Handle(SetAdmin command, CancellationToken cancellationToken)
    {
        await moderation.ApplyAsync(command.UserId, command.ChannelId, command.TargetId,
            (channel, actor, target) => command.Admin ? channel.GrantAdmin(actor, target) : channel.RevokeAdmin(actor, target),
            cancellationToken);
        return Unit.Value;
    }
}
