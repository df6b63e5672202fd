namespace Transcendence.Domain.Channels;

/// <summary>A user in a channel. <see cref="JoinedAt"/> decides seniority when ownership passes on.</summary>
public sealed record ChannelMember(Guid UserId, ChannelRole Role, DateTimeOffset JoinedAt);
