using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Application.Blocks.GetBlocks;

/// <summary>The users the caller blocks, ordered by display name (case-insensitive).</summary>
public sealed record GetBlocks(Guid CallerId) : IQuery<IReadOnlyList<UserSummary>>;

public sealed class GetBlocksHandler(IUserRepository users, IPresenceLookup presence) : IQueryHandler<GetBlocks, IReadOnlyList<UserSummary>>
{
    public async ValueTask<IReadOnlyList<UserSummary>> Handle(GetBlocks query, CancellationToken cancellationToken)
    {
        var caller = await users.GetAsync(query.CallerId, cancellationToken);
        var blocked = await users.FindByIdsAsync(caller.BlockedUserIds, cancellationToken);
        return [.. blocked.Select(u => UserSummary.Of(u, presence, caller.Id))];
    }
}
