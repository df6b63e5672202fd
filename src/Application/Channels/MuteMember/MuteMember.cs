using FluentValidation;
using Mediator;

namespace Transcendence.Application.Channels.MuteMember;

/// <summary>An admin or the owner silences a member until a time (required, in the future).</summary>
public sealed record MuteMember(Guid UserId, Guid ChannelId, Guid TargetId, DateTimeOffset? Until) : ICommand;

public sealed class MuteMemberValidator : AbstractValidator<MuteMember>
{
    public MuteMemberValidator() => RuleFor(c => c.Until).NotNull().WithMessage("a mute needs an end time (until)");
}

public sealed class MuteMemberHandler(Moderation moderation, TimeProvider clock) : ICommandHandler<MuteMember>
{
    public async ValueTask<Unit> Handle(MuteMember command, CancellationToken cancellationToken)
    {
        await moderation.ApplyAsync(command.UserId, command.ChannelId, command.TargetId,
            (channel, actor, target) => channel.Mute(actor, target, command.Until!.Value, clock.GetUtcNow()), cancellationToken);
        return Unit.Value;
    }
}
