using Transcendence.Domain.Channels;

namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Where wrong channel passwords are counted, per (channel, user). In the store, not in a process: every
/// instance sees the same count, and neither a restart nor another instance hands out fresh guesses.
/// </summary>
public interface IChannelPasswordGuessRepository
{
    /// <summary>The user's wrong guesses at the channel (none yet when nothing is stored); locked until the unit of work ends.</summary>
    Task<ChannelPasswordGuesses> FindAsync(Guid channelId, Guid userId, CancellationToken cancellationToken);

    Task SaveAsync(ChannelPasswordGuesses guesses, CancellationToken cancellationToken);

    /// <summary>Forgets the user's wrong guesses at the channel (a right password); nothing when there are none.</summary>
    Task RemoveAsync(Guid channelId, Guid userId, CancellationToken cancellationToken);
}
