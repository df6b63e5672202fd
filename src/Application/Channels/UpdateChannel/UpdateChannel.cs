using FluentValidation;
using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Channels;

namespace Transcendence.Application.Channels.UpdateChannel;

/// <summary>
/// The owner renames the channel or changes who may join: any subset of name, visibility and password.
/// A password alone on a protected channel changes it; <c>protected</c> needs a password unless the
/// channel already has one; another visibility removes the password.
/// </summary>
/// <remarks>
/// Not a command itself: a new password is hashed here, before any transaction (see <see cref="PasswordHashedBefore"/>);
/// <see cref="ChangeChannel"/> then decides and stores with that hash.
/// </remarks>
public sealed record UpdateChannel(Guid UserId, Guid ChannelId, string? Name, string? Visibility, string? Password) : IRequest<ChannelSummary>;

public sealed class UpdateChannelValidator : AbstractValidator<UpdateChannel>
{
    public UpdateChannelValidator()
    {
        RuleFor(c => c.Visibility).Must(v => ChatWords.TryParseVisibility(v, out _)).When(c => c.Visibility is not null)
            .WithMessage("visibility is public, private or protected");
        RuleFor(c => c.Name).MaximumLength(Channel.MaxNameLength * 4);
        RuleFor(c => c.Password).MaximumLength(Channel.MaxPasswordLength);
        RuleFor(c => c.Password).MinimumLength(Channel.MinPasswordLength).When(c => c.Password is not null)
            .WithMessage($"a channel password has at least {Channel.MinPasswordLength} characters");
        RuleFor(c => c).Must(c => c.Name is not null || c.Visibility is not null || c.Password is not null)
            .WithName("body").WithMessage("give at least one of name, visibility and password");
    }
}

public sealed class UpdateChannelHandler(IChannelPasswordHasher hasher, ISender sender) : IRequestHandler<UpdateChannel, ChannelSummary>
{
    public async ValueTask<ChannelSummary> Handle(UpdateChannel command, CancellationToken cancellationToken) =>
        await sender.Send(
            new ChangeChannel(
                command.UserId, command.ChannelId, command.Name, command.Visibility, command.Password,
                PasswordHashedBefore.HashBefore(command.Password, hasher)),
            cancellationToken);
}

/// <summary>The transactional half of <see cref="UpdateChannel"/>, with the new password's hash made before it; sent only by its handler.</summary>
public sealed record ChangeChannel(Guid UserId, Guid ChannelId, string? Name, string? Visibility, string? Password, string? PasswordHash)
    : ICommand<ChannelSummary>;

public sealed class ChangeChannelHandler(
    IUserRepository users, IChannelRepository channels, IChannelPasswordHasher hasher, IRealtimeNotifier notifier)
    : ICommandHandler<ChangeChannel, ChannelSummary>
{
    public async ValueTask<ChannelSummary> Handle(ChangeChannel command, CancellationToken cancellationToken)
    {
        var owner = await users.GetAsync(command.UserId, cancellationToken);
        var channel = await channels.GetAsync(command.ChannelId, cancellationToken);
        if (command.Name is not null)
        {
            channel.Rename(owner, command.Name);
        }

        if (command.Visibility is not null || command.Password is not null)
        {
            var visibility = command.Visibility is null ? channel.Visibility : ChatWords.ParseVisibility(command.Visibility);
            channel.ChangeAccess(owner, visibility, command.Password, new PasswordHashedBefore(command.Password, command.PasswordHash, hasher));
        }

        await channels.UpdateAsync(channel, cancellationToken);
        notifier.ToChannel(channel.Id, ChatEvents.ChannelUpdated,
            new ChannelUpdatedEvent(channel.Id, channel.Name, ChatWords.Visibility(channel.Visibility), ChatWords.Kind(channel)));
        return ChannelSummary.Of(channel, owner.Id);
    }
}
