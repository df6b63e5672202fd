namespace Transcendence.Application.Presence;

/// <summary>The <c>PresenceChanged</c> event: sent to a user's friends when their status flips.</summary>
public sealed record PresenceChanged(Guid UserId, string Status)
{
    public const string EventName = "PresenceChanged";
}
