namespace Transcendence.Domain.Channels;

/// <summary>
/// What leaving did: whether the channel is now empty and must be deleted, and who became owner when
/// the owner left.
/// </summary>
public sealed record LeaveOutcome(bool ChannelDeleted, ChannelNotice? OwnerChanged);
