using System.Text;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;

namespace Transcendence.Application.Channels.RelaySignal;

/// <summary>
/// WebRTC signalling: relays an offer, answer, ICE candidate or hang-up, unread, to every connection of
/// the target; only between users who share a direct channel or a game room, never across a block.
/// </summary>
public sealed record RelaySignal(Guid UserId, Guid TargetUserId, string? Kind, JsonElement Payload) : ICommand, ILiveStateCommand
{
    public const int MaxPayloadBytes = 16 * 1024;

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "offer", "answer", "candidate", "hangup" };
}

public sealed class RelaySignalValidator : AbstractValidator<RelaySignal>
{
    public RelaySignalValidator()
    {
        RuleFor(c => c.Kind).Must(k => k is not null && RelaySignal.Kinds.Contains(k)).WithMessage("kind is offer, answer, candidate or hangup");
        // Bytes as the wire carries them (UTF-8), not characters: 9 Ki accented letters are 18 KiB.
        RuleFor(c => c.Payload).Must(p => p.ValueKind != JsonValueKind.Undefined && Encoding.UTF8.GetByteCount(p.GetRawText()) <= RelaySignal.MaxPayloadBytes)
            .WithMessage($"payload is JSON of at most {RelaySignal.MaxPayloadBytes} bytes");
        RuleFor(c => c.TargetUserId).NotEmpty().NotEqual(c => c.UserId).WithMessage("signal someone other than yourself");
    }
}

public sealed class RelaySignalHandler(
    IUserRepository users, IChannelRepository channels, IEnumerable<ISignalPeers> gamePeers, IRealtimeNotifier notifier)
    : ICommandHandler<RelaySignal>
{
    public async ValueTask<Unit> Handle(RelaySignal command, CancellationToken cancellationToken)
    {
        var me = await users.GetAsync(command.UserId, cancellationToken);
        var target = await users.GetAsync(command.TargetUserId, cancellationToken);
        Channel.EnsureNoBlockBetween(me, target);

        var shareDirect = await channels.FindDirectAsync(me.Id, target.Id, cancellationToken) is not null;
        if (!shareDirect && !await AreGamePeersAsync(me.Id, target.Id, cancellationToken))
        {
            throw new DomainException("channel.forbidden", ErrorKind.Forbidden, "signalling needs a direct channel or a game room shared with that user");
        }

        notifier.ToUser(target.Id, ChatEvents.Signal, new SignalEvent(me.Id, command.Kind!, command.Payload.Clone()));
        return Unit.Value;
    }

    private async Task<bool> AreGamePeersAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken)
    {
        foreach (var peers in gamePeers)
        {
            if (await peers.ArePeersAsync(userId, otherUserId, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Other places two users may call each other from (a game room: the game slice adds it).</summary>
public interface ISignalPeers
{
    ValueTask<bool> ArePeersAsync(Guid userId, Guid otherUserId, CancellationToken cancellationToken);
}
