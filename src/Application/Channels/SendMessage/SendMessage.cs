using FluentValidation;
using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;

namespace Transcendence.Application.Channels.SendMessage;

/// <summary>
/// A member says something in a channel. Stored before it is broadcast; the same client message id sent
/// again returns the first result and delivers nothing twice.
/// </summary>
public sealed record SendMessage(Guid UserId, Guid ChannelId, string? Text, string? ClientMessageId) : ICommand<SentMessage>;

public sealed class SendMessageValidator : AbstractValidator<SendMessage>
{
    public SendMessageValidator()
    {
        RuleFor(c => c.ChannelId).NotEmpty();
        RuleFor(c => c.Text).NotNull();
        RuleFor(c => c.ClientMessageId).NotEmpty().MaximumLength(Message.MaxClientMessageIdLength);
    }
}

public sealed class SendMessageHandler(
    IUserRepository users,
    IChannelRepository channels,
    IMessageRepository messages,
    IBlockLookup blocks,
    ISendRateLimiter limiter,
    IRealtimeNotifier notifier,
    TimeProvider clock) : ICommandHandler<SendMessage, SentMessage>
{
    public async ValueTask<SentMessage> Handle(SendMessage command, CancellationToken cancellationToken)
    {
        var repeat = await messages.FindBySenderAndClientIdAsync(command.UserId, command.ClientMessageId!, cancellationToken);
        if (repeat is not null)
        {
            return new SentMessage(repeat.Id, repeat.SentAt);
        }

        var sender = await users.GetAsync(command.UserId, cancellationToken);
        // Posting changes nothing in the channel: members post side by side, moderation waits for them.
        var channel = await channels.GetForReadingAsync(command.ChannelId, cancellationToken);
        var now = clock.GetUtcNow();
        // A direct channel's peer is read as stored now: a block made after the channel opened still counts.
        var peer = channel.IsDirect && channel.IsMember(sender.Id)
            ? await users.GetAsync(channel.PeerOf(sender.Id), cancellationToken)
            : null;
        var message = channel.Post(sender, command.Text!, command.ClientMessageId!, now, peer);
        if (!limiter.TryAcquire(sender.Id, now, out var retryAfter))
        {
            throw new DomainException("rate_limited", ErrorKind.RateLimited,
                $"you are sending too fast; try again in {Math.Ceiling(retryAfter.TotalSeconds)} s");
        }

        var stored = await messages.AddAsync(message, cancellationToken);
        if (stored.Id == message.Id)
        {
            var blockers = await blocks.BlockersOfAsync(sender.Id, cancellationToken);
            var deaf = blockers.Where(channel.IsMember).ToList();
            notifier.ToChannel(channel.Id, ChatEvents.MessageReceived,
                MessageView.Of(stored, new UserRef(sender.Id, sender.DisplayName.Value)), deaf);
        }

        return new SentMessage(stored.Id, stored.SentAt);
    }
}
