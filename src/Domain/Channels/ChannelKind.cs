namespace Transcendence.Domain.Channels;

public enum ChannelKind
{
    /// <summary>A named channel with an owner, admins and members.</summary>
    Group,
    /// <summary>The private conversation of exactly two users; no roles, no moderation, nobody joins or leaves.</summary>
    Direct,
}
