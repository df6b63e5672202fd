using FluentValidation;
using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Channels;

namespace Transcendence.Application.Channels.CreateChannel;

/// <summary>A user opens a group channel and becomes its owner.</summary>
public sealed record CreateChannel(Guid UserId, string Name, string Visibility, string? Password) : ICommand<ChannelSummary>;

public sealed class CreateChannelValidator : AbstractValidator<CreateChannel>
{
    public CreateChannelValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Channel.MaxNameLength * 4);
        RuleFor(c => c.Visibility).Must(v => ChatWords.TryParseVisibility(v, out _)).WithMessage("visibility is public, private or protected");
        RuleFor(c => c.Password).NotEmpty().When(c => c.Visibility == "protected").WithMessage("a protected channel needs a password");
        RuleFor(c => c.Password).MaximumLength(Channel.MaxPasswordLength);
        RuleFor(c => c.Password).MinimumLength(Channel.MinPasswordLength).When(c => c.Password is not null)
            .WithMessage($"a channel password has at least {Channel.MinPasswordLength} characters");
    }
}

public sealed class CreateChannelHandler(
    IUserRepository users, IChannelRepository channels, IChannelPasswordHasher hasher, IRealtimeNotifier notifier, TimeProvider clock)
    : ICommandHandler<CreateChannel, ChannelSummary>
{
    public async ValueTask<ChannelSummary> Handle(CreateChannel command, CancellationToken cancellationToken)
    {
        var owner = await users.GetAsync(command.UserId, cancellationToken);
        var channel = Channel.Create(owner, command.Name, ChatWords.ParseVisibility(command.Visibility), command.Password, hasher, clock.GetUtcNow());
        channel = await channels.AddAsync(channel, cancellationToken);
        notifier.JoinChannel(owner.Id, channel.Id);
        return ChannelSummary.Of(channel, owner.Id);
    }
}
