namespace Transcendence.Domain.Channels;

public enum ChannelRole
{
    Member,
    Admin,
    Owner,
}
