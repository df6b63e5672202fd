using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Application.Channels.GetChannel;

/// <summary>A channel's details, members with roles, mutes and bans, for its members.</summary>
public sealed record GetChannel(Guid UserId, Guid ChannelId) : IQuery<ChannelDetails>;

public sealed class GetChannelHandler(IUserRepository users, IChannelRepository channels, TimeProvider clock)
    : IQueryHandler<GetChannel, ChannelDetails>
{
    public async ValueTask<ChannelDetails> Handle(GetChannel query, CancellationToken cancellationToken)
    {
        var reader = await users.GetAsync(query.UserId, cancellationToken);
        var channel = await channels.GetAsync(query.ChannelId, cancellationToken);
        var now = clock.GetUtcNow();
        channel.EnsureCanRead(reader, now);

        var names = await users.NamesOfAsync(channel.Members.Select(m => m.UserId), cancellationToken);
        return new ChannelDetails(
            channel.Id,
            ChatWords.Kind(channel),
            channel.Name,
            ChatWords.Visibility(channel.Visibility),
            channel.CreatedAt,
            [.. channel.Members.Select(m => new MemberView(m.UserId, names.GetValueOrDefault(m.UserId, "unknown"), ChatWords.Role(m.Role), m.JoinedAt))],
            [.. channel.Mutes.Where(m => m.AppliesAt(now)).Select(m => new MuteView(m.UserId, m.Until))],
            [.. channel.Bans.Where(b => b.AppliesAt(now)).Select(b => new BanView(b.UserId, b.Until))]);
    }
}
