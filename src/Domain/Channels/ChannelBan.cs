namespace Transcendence.Domain.Channels;

/// <summary>Keeps a user out of a channel until <see cref="Until"/>, or for good when it is null.</summary>
public sealed record ChannelBan(Guid UserId, Guid BannedById, DateTimeOffset BannedAt, DateTimeOffset? Until)
{
    public bool AppliesAt(DateTimeOffset now) => Until is null || Until > now;
}
