using Transcendence.Domain.Channels;
using Transcendence.Domain.Users;

namespace Transcendence.Application.Common.Ports;

/// <summary>
/// Everything a chat post reads from the store, in one call (on PostgreSQL one round trip): the hot path
/// of <c>SendMessage</c>, which then decides with <see cref="Channel.Post"/> and writes with
/// <see cref="IMessageRepository.AddAsync"/>.
/// </summary>
public interface IPostingLookup
{
    /// <summary>What <paramref name="senderId"/> posting to <paramref name="channelId"/> needs, read committed.</summary>
    Task<PostingContext> ReadAsync(Guid senderId, Guid channelId, string clientMessageId, CancellationToken cancellationToken);
}

/// <summary>What a post needs from the store (<see cref="IPostingLookup"/>).</summary>
/// <param name="Repeat">The message the sender already stored with this client message id (whatever its channel), or null.</param>
/// <param name="Sender">The sender with the users they block, or null when there is no such user.</param>
/// <param name="Channel">
/// The channel cut to what <see cref="Channel.Post"/> reads, or null when there is no such channel: its
/// kind, name and visibility; of its members only the sender's row (a direct channel keeps its pair);
/// of its mutes and bans only the sender's; no invitations. A thousand-member channel is not read whole
/// for every message, so this channel serves the post and nothing else: its member list is not the
/// channel's.
/// </param>
/// <param name="Peer">In a direct channel the sender belongs to, the other user with the users they block; otherwise null.</param>
/// <param name="BlockingMembers">The members of the channel who block the sender: they do not hear the message.</param>
public sealed record PostingContext(
    Message? Repeat,
    User? Sender,
    Channel? Channel,
    User? Peer,
    IReadOnlyList<Guid> BlockingMembers);
