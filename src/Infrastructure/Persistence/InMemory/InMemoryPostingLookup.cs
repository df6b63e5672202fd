using Transcendence.Application.Common.Ports;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// The in-memory twin of the posting read: the repositories' own reads for the repeat and the users, the
/// channel cut as the Postgres twin cuts it (so both answer alike), and the blockers found among the
/// channel's members rather than among every user.
/// </summary>
public sealed class InMemoryPostingLookup(InMemorySession session, IMessageRepository messages, IUserRepository users) : IPostingLookup
{
    public async Task<PostingContext> ReadAsync(Guid senderId, Guid channelId, string clientMessageId, CancellationToken cancellationToken)
    {
        var repeat = await messages.FindBySenderAndClientIdAsync(senderId, clientMessageId, cancellationToken);
        var sender = await users.FindByIdAsync(senderId, cancellationToken);
        var state = session.State;
        if (!state.Channels.ById.TryGetValue(channelId, out var record))
        {
            return new PostingContext(repeat, sender, null, null, []);
        }

        var channel = record.CutForPostBy(senderId).ToChannel();
        var peer = channel.IsDirect && channel.IsMember(senderId)
            ? await users.FindByIdAsync(channel.PeerOf(senderId), cancellationToken)
            : null;
        var byBlocker = state.Blocks.ByBlocker;
        List<Guid> blocking = [.. record.Members
            .Where(m => byBlocker.TryGetValue(m.UserId, out var blocked) && blocked.ContainsKey(senderId))
            .Select(m => m.UserId)];
        return new PostingContext(repeat, sender, channel, peer, blocking);
    }
}
