using FluentValidation;
using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Channels;

namespace Transcendence.Application.Channels.CreateChannel;

/// <summary>A user opens a group channel and becomes its owner.</summary>
/// <remarks>
/// Not a command itself: a password is hashed here, before any transaction (see <see cref="PasswordHashedBefore"/>);
/// <see cref="AddChannel"/> then stores the channel with that hash.
/// </remarks>
public sealed record CreateChannel(Guid UserId, string Name, string Visibility, string? Password) : IRequest<ChannelSummary>;

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

public sealed class CreateChannelHandler(IChannelPasswordHasher hasher, ISender sender) : IRequestHandler<CreateChannel, ChannelSummary>
{
    public async ValueTask<ChannelSummary> Handle(CreateChannel command, CancellationToken cancellationToken) =>
        await sender.Send(
            new AddChannel(command.UserId, command.Name, command.Visibility, command.Password, PasswordHashedBefore.HashBefore(command.Password, hasher)),
            cancellationToken);
}

/// <summary>The transactional half of <see cref="CreateChannel"/>, with the password's hash made before it; sent only by its handler.</summary>
public sealed record AddChannel(Guid UserId, string Name, string Visibility, string? Password, string? PasswordHash) : ICommand<ChannelSummary>;

public sealed class AddChannelHandler(
    IUserRepository users, IChannelRepository channels, IChannelPasswordHasher hasher, IRealtimeNotifier notifier, TimeProvider clock)
    : ICommandHandler<AddChannel, ChannelSummary>
{
    public async ValueTask<ChannelSummary> Handle(AddChannel command, CancellationToken cancellationToken)
    {
        var owner = await users.GetAsync(command.UserId, cancellationToken);
        var channel = Channel.Create(
            owner, command.Name, ChatWords.ParseVisibility(command.Visibility), command.Password,
            new PasswordHashedBefore(command.Password, command.PasswordHash, hasher), clock.GetUtcNow());
        channel = await channels.AddAsync(channel, cancellationToken);
        notifier.JoinChannel(owner.Id, channel.Id);
        return ChannelSummary.Of(channel, owner.Id);
    }
}
