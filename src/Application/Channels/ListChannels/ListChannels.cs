using FluentValidation;
using Mediator;
using Transcendence.Application.Common.Ports;

namespace Transcendence.Application.Channels.ListChannels;

/// <summary>The public and protected channels anyone may see, by name; private ones are never listed.</summary>
public sealed record ListChannels(string? Search, int? Limit) : IQuery<IReadOnlyList<ChannelSummary>>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}

public sealed class ListChannelsValidator : AbstractValidator<ListChannels>
{
    public ListChannelsValidator()
    {
        RuleFor(q => q.Search).MaximumLength(64);
        RuleFor(q => q.Limit).InclusiveBetween(1, ListChannels.MaxLimit);
    }
}

public sealed class ListChannelsHandler(IChannelRepository channels) : IQueryHandler<ListChannels, IReadOnlyList<ChannelSummary>>
{
    public async ValueTask<IReadOnlyList<ChannelSummary>> Handle(ListChannels query, CancellationToken cancellationToken)
    {
        var found = await channels.SearchListedAsync(query.Search?.Trim() ?? string.Empty, query.Limit ?? ListChannels.DefaultLimit, cancellationToken);
        return [.. found.Select(channel => ChannelSummary.Of(channel))];
    }
}
