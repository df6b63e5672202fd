using FluentValidation;
using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Channels.SendMessage;

/// <summary>
/// A member says something in a channel. Stored before it is broadcast; the same client message id sent
/// again returns the first result and delivers nothing twice.
/// </summary>
/// <remarks>
/// No unit of work (<see cref="IAtomicWriteCommand"/>): one read of everything the post needs, the
/// domain's decision, then one atomic insert — on PostgreSQL two round trips and no transaction. A ban,
/// kick, mute or block committed between the read and the insert lets this one message through, exactly
/// as if it had arrived a moment before that change: the message is stored with the time it was
/// decided at, and the next send sees the change.
/// </remarks>
public sealed record SendMessage(Guid UserId, Guid ChannelId, string? Text, string? ClientMessageId) : ICommand<SentMessage>, IAtomicWriteCommand;

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
    IPostingLookup posting,
    IMessageRepository messages,
    ISendRateLimiter limiter,
    IRealtimeNotifier notifier,
    TimeProvider clock) : ICommandHandler<SendMessage, SentMessage>
{
    public async ValueTask<SentMessage> Handle(SendMessage command, CancellationToken cancellationToken)
    {
        var found = await posting.ReadAsync(command.UserId, command.ChannelId, command.ClientMessageId!, cancellationToken);
        if (found.Repeat is { } repeat)
        {
            return new SentMessage(repeat.Id, repeat.SentAt);
        }

        var sender = found.Sender ?? throw UserErrors.NotFound(command.UserId);
        var channel = found.Channel ?? throw ChannelErrors.NotFound(command.ChannelId);
        var now = clock.GetUtcNow();
        // A direct channel's peer is read as stored now: a block made after the channel opened still counts.
        var peer = channel.IsDirect && channel.IsMember(sender.Id)
            ? found.Peer ?? throw UserErrors.NotFound(channel.PeerOf(sender.Id))
            : null;
        var message = channel.Post(sender, command.Text!, command.ClientMessageId!, now, peer);
        var allowance = await limiter.TryAcquireAsync(sender.Id, now, cancellationToken);
        if (!allowance.Allowed)
        {
            throw new DomainException("rate_limited", ErrorKind.RateLimited,
                $"you are sending too fast; try again in {Math.Ceiling(allowance.RetryAfter.TotalSeconds)} s");
        }

        // A repeat that raced this send (stored between the read and the insert) comes back instead,
        // and is not delivered again.
        var stored = await messages.AddAsync(message, cancellationToken);
        if (stored.Id == message.Id)
        {
            notifier.ToChannel(channel.Id, ChatEvents.MessageReceived,
                MessageView.Of(stored, new UserRef(sender.Id, sender.DisplayName.Value)), found.BlockingMembers);
        }

        return new SentMessage(stored.Id, stored.SentAt);
    }
}
