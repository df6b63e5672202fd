using Mediator;
using Transcendence.Application.Common;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Application.Users;
using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;

namespace Transcendence.Application.Channels.JoinChannel;

/// <summary>
/// A user enters a channel: public, protected with the password, private with an invitation; never while
/// banned, and not while locked out of the password by too many wrong ones.
/// </summary>
/// <remarks>
/// Not a command itself: checking a password is slow on purpose (PBKDF2, 600,000 iterations), so it is
/// done here, before any transaction, against the committed channel; <see cref="AdmitToChannel"/> then
/// decides inside the transaction with that verdict, without hashing again unless the password changed
/// in between. The store's writer turn (in memory) and the channel's row lock (PostgreSQL) are never
/// held while hashing.
/// </remarks>
public sealed record JoinChannel(Guid UserId, Guid ChannelId, string? Password) : IRequest<ChannelSummary>;

public sealed class JoinChannelHandler(
    IChannelRepository channels, IChannelPasswordGuessRepository guesses, IChannelPasswordHasher hasher, ISender sender, TimeProvider clock)
    : IRequestHandler<JoinChannel, ChannelSummary>
{
    public async ValueTask<ChannelSummary> Handle(JoinChannel command, CancellationToken cancellationToken)
    {
        PasswordVerdict? verdict = null;
        var channel = await channels.FindByIdAsync(command.ChannelId, cancellationToken);
        if (channel is { Visibility: ChannelVisibility.Protected, PasswordHash: { } hash } && !channel.IsMember(command.UserId)
            && command.Password is { } password)
        {
            // A locked-out guess costs no hashing: refused before, as it is again inside the transaction.
            (await guesses.FindAsync(channel.Id, command.UserId, cancellationToken)).EnsureMayGuess(clock.GetUtcNow());
            var right = hasher.Verify(hash, password);
            verdict = new PasswordVerdict(hash, password, right, right && hasher.NeedsRehash(hash) ? hasher.Hash(password) : null);
        }

        return await sender.Send(new AdmitToChannel(command.UserId, command.ChannelId, command.Password, verdict), cancellationToken);
    }
}

/// <summary>
/// What <see cref="JoinChannelHandler"/> found out about a password before the transaction: whether it
/// opens the channel whose hash was <see cref="Hash"/>, and, when that hash is of an older strength, the
/// new hash to store.
/// </summary>
public sealed record PasswordVerdict(string Hash, string Password, bool IsRight, string? UpgradedHash);

/// <summary>The transactional half of <see cref="JoinChannel"/>; sent only by its handler.</summary>
public sealed record AdmitToChannel(Guid UserId, Guid ChannelId, string? Password, PasswordVerdict? Verdict) : ICommand<ChannelSummary>;

public sealed class AdmitToChannelHandler(
    IUserRepository users,
    IChannelRepository channels,
    IChannelPasswordGuessRepository guesses,
    IChannelPasswordHasher hasher,
    IRealtimeNotifier notifier,
    TimeProvider clock)
    : ICommandHandler<AdmitToChannel, ChannelSummary>
{
    public async ValueTask<ChannelSummary> Handle(AdmitToChannel command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = await users.GetAsync(command.UserId, cancellationToken);
        var channel = await channels.GetAsync(command.ChannelId, cancellationToken);
        // Only a password given is a guess; joining without one is refused, and counts for nothing.
        var guessing = channel.Visibility == ChannelVisibility.Protected && !channel.IsMember(user.Id) && command.Password is not null;
        var tried = guessing ? await guesses.FindAsync(channel.Id, user.Id, cancellationToken) : null;
        tried?.EnsureMayGuess(now);

        bool joined;
        try
        {
            joined = channel.Join(user, command.Password, new VerdictFirst(command.Verdict, hasher), now);
        }
        catch (DomainException refused) when (tried is not null && refused.Code == ChannelErrors.WrongPasswordCode)
        {
            tried.CountWrong(now);
            await guesses.SaveAsync(tried, cancellationToken);
            throw new CommittedRefusal(refused);
        }

        if (!joined)
        {
            return ChannelSummary.Of(channel, user.Id);
        }

        if (tried is { WrongGuesses: > 0 })
        {
            await guesses.RemoveAsync(channel.Id, user.Id, cancellationToken);
        }

        if (command.Verdict is { IsRight: true, UpgradedHash: { } upgraded } verdict)
        {
            channel.UpgradePasswordHash(verdict.Hash, upgraded);
        }

        await channels.UpdateAsync(channel, cancellationToken);
        notifier.JoinChannel(user.Id, channel.Id);
        notifier.ToChannel(channel.Id, ChatEvents.MemberJoined, new MemberJoinedEvent(channel.Id, new UserRef(user.Id, user.DisplayName.Value)));
        return ChannelSummary.Of(channel, user.Id);
    }

    /// <summary>
    /// The verdict reached before the transaction, for the very hash and password it was reached on; any
    /// other pair (the owner changed the password meanwhile) is checked by the real hasher.
    /// </summary>
    private sealed class VerdictFirst(PasswordVerdict? verdict, IChannelPasswordHasher hasher) : IChannelPasswordHasher
    {
        public string Hash(string password) => hasher.Hash(password);

        public bool Verify(string hash, string password) =>
            verdict is not null && verdict.Hash == hash && verdict.Password == password ? verdict.IsRight : hasher.Verify(hash, password);

        public bool NeedsRehash(string hash) => hasher.NeedsRehash(hash);
    }
}
