namespace Transcendence.Domain.Channels;

/// <summary>An invitation to a private channel, used up when the invitee joins.</summary>
public sealed record ChannelInvite(Guid UserId, Guid InvitedById, DateTimeOffset InvitedAt);
