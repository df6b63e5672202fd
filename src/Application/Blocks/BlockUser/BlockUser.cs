using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Application.Blocks.BlockUser;

/// <summary>
/// The caller blocks <see cref="UserId"/>. Any friendship or pending request between the two ends with it.
/// Blocking someone already blocked changes nothing.
/// </summary>
public sealed record BlockUser(Guid CallerId, Guid UserId) : ICommand;

public sealed class BlockUserHandler(IUserRepository users, IFriendshipRepository friendships) : ICommandHandler<BlockUser>
{
    public async ValueTask<Unit> Handle(BlockUser command, CancellationToken cancellationToken)
    {
        var caller = await users.GetAsync(command.CallerId, cancellationToken);
        var other = await users.GetAsync(command.UserId, cancellationToken);

        caller.Block(other);

        await users.UpdateAsync(caller, cancellationToken);
        await friendships.RemoveBetweenAsync(caller.Id, other.Id, cancellationToken);
        return Unit.Value;
    }
}
