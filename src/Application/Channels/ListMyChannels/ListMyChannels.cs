using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Channels.ListMyChannels;

/// <summary>The channels and direct conversations the caller belongs to, oldest first.</summary>
public sealed record ListMyChannels(Guid UserId) : IQuery<IReadOnlyList<ChannelSummary>>;

public sealed class ListMyChannelsHandler(IChannelRepository channels) : IQueryHandler<ListMyChannels, IReadOnlyList<ChannelSummary>>
{
    public async ValueTask<IReadOnlyList<ChannelSummary>> Handle(ListMyChannels query, CancellationToken cancellationToken)
    {
        var mine = await channels.ListForMemberAsync(query.UserId, cancellationToken);
        return [.. mine.Select(channel => ChannelSummary.Of(channel, query.UserId))];
    }
}
