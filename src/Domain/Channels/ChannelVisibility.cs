namespace Transcendence.Domain.Channels;

public enum ChannelVisibility
{
    /// <summary>Listed; anyone not banned may join.</summary>
    Public,
    /// <summary>Listed; joining takes the password.</summary>
    Protected,
    /// <summary>Not listed; joining takes an invitation. Direct channels are private.</summary>
    Private,
}
