namespace Transcendence.Domain.Channels;

/// <summary>Stops a member from posting until <see cref="Until"/>; it outlasts leaving and rejoining.</summary>
public sealed record ChannelMute(Guid UserId, Guid MutedById, DateTimeOffset MutedAt, DateTimeOffset Until)
{
    public bool AppliesAt(DateTimeOffset now) => Until > now;
}
