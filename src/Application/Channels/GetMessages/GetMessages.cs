using FluentValidation;
using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Application.Channels.GetMessages;

/// <summary>A page of a channel's history, newest first, for members; senders the reader blocks are left out.</summary>
public sealed record GetMessages(Guid UserId, Guid ChannelId, Guid? Before, int? Limit) : IQuery<IReadOnlyList<MessageView>>
{
    public const int DefaultLimit = 50;
}

public sealed class GetMessagesValidator : AbstractValidator<GetMessages>
{
    public GetMessagesValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, IMessageRepository.MaxPageSize);
}

public sealed class GetMessagesHandler(IUserRepository users, IChannelRepository channels, IMessageRepository messages, TimeProvider clock)
    : IQueryHandler<GetMessages, IReadOnlyList<MessageView>>
{
    public async ValueTask<IReadOnlyList<MessageView>> Handle(GetMessages query, CancellationToken cancellationToken)
    {
        var reader = await users.GetAsync(query.UserId, cancellationToken);
        var channel = await channels.GetAsync(query.ChannelId, cancellationToken);
        channel.EnsureCanRead(reader, clock.GetUtcNow());

        var page = await messages.ListAsync(
            channel.Id, query.Before, query.Limit ?? GetMessages.DefaultLimit, [.. reader.BlockedUserIds], cancellationToken);
        var names = await users.NamesOfAsync(page.Select(m => m.SenderId), cancellationToken);
        return [.. page.Select(m => MessageView.Of(m, new UserRef(m.SenderId, names.GetValueOrDefault(m.SenderId, "unknown"))))];
    }
}
