using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Application.Blocks.UnblockUser;

/// <summary>The caller lifts their block on <see cref="UserId"/>; with no block, nothing changes.</summary>
public sealed record UnblockUser(Guid CallerId, Guid UserId) : ICommand;

public sealed class UnblockUserHandler(IUserRepository users) : ICommandHandler<UnblockUser>
{
    public async ValueTask<Unit> Handle(UnblockUser command, CancellationToken cancellationToken)
    {
        var caller = await users.GetAsync(command.CallerId, cancellationToken);
        var other = await users.GetAsync(command.UserId, cancellationToken);

        caller.Unblock(other);

        await users.UpdateAsync(caller, cancellationToken);
        return Unit.Value;
    }
}
