namespace Transcendence.Web.Sessions;

/// <summary>How presented access tokens are checked against their login (<c>Auth:Sessions</c>).</summary>
public sealed class LoginSessionOptions
{
    public const string Section = "Auth:Sessions";

    /// <summary>
    /// How long the answer "this login still stands" is reused before the store is asked again. A logout
    /// or revocation is refused at once whatever this says, made by this instance or by another (they tell
    /// each other through the instances' bus; while it is down, within this time). Zero asks the store every time.
    /// </summary>
    public TimeSpan CheckCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Per-user bounds of the hubs (<c>Hubs</c>).</summary>
public sealed class HubConnectionLimitOptions
{
    public const string Section = "Hubs";

    /// <summary>How many connections one user may hold open on one hub at once (tabs, devices).</summary>
    public int MaxConnectionsPerUser { get; set; } = 10;
}
