namespace Transcendence.Domain.Channels;

/// <summary>
/// What a channel method did, in the shape of the hub's <c>Notice</c> event: the application sends it
/// (to the target or to the channel) once the change is committed.
/// </summary>
/// <param name="Code">One of <see cref="ChannelNoticeCodes"/>.</param>
/// <param name="ActorId">Who did it; null when time did it (an expired mute).</param>
/// <param name="Until">When a mute or ban ends; null otherwise, and for a ban without end.</param>
public sealed record ChannelNotice(string Code, Guid ChannelId, Guid? ActorId, Guid TargetId, DateTimeOffset? Until = null);

/// <summary>The notice codes of the client contract that channels produce.</summary>
public static class ChannelNoticeCodes
{
    public const string Muted = "muted";
    public const string Unmuted = "unmuted";
    public const string Banned = "banned";
    public const string Unbanned = "unbanned";
    public const string Kicked = "kicked";
    public const string AdminGranted = "admin_granted";
    public const string AdminRevoked = "admin_revoked";
    public const string OwnerChanged = "owner_changed";
    public const string Invited = "invited";
}
