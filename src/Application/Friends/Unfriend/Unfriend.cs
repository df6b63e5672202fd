using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Application.Friends.Unfriend;

/// <summary>
/// Ends whatever stands between the caller and <see cref="UserId"/>: a friendship (unfriend), the
/// caller's request (cancel) or theirs (decline). With nothing to end, nothing changes.
/// </summary>
public sealed record Unfriend(Guid CallerId, Guid UserId) : ICommand;

public sealed class UnfriendHandler(IUserRepository users, IFriendshipRepository friendships) : ICommandHandler<Unfriend>
{
    public async ValueTask<Unit> Handle(Unfriend command, CancellationToken cancellationToken)
    {
        var other = await users.GetAsync(command.UserId, cancellationToken);
        await friendships.RemoveBetweenAsync(command.CallerId, other.Id, cancellationToken);
        return Unit.Value;
    }
}
