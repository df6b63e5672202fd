namespace Transcendence.Domain.Common;

/// <summary>
/// What kind of refusal a <see cref="DomainException"/> is. The doors (HTTP, hubs) map a kind to their
/// own vocabulary (a status code, a HubException); the domain never speaks HTTP.
/// </summary>
public enum ErrorKind
{
    /// <summary>The input breaks a rule of its own shape (too long, wrong characters).</summary>
    Invalid,
    /// <summary>The thing named does not exist.</summary>
    NotFound,
    /// <summary>The caller may not do this.</summary>
    Forbidden,
    /// <summary>The request clashes with the current state (a name already taken).</summary>
    Conflict,
    /// <summary>The caller is not who they claim, or their credential is no good.</summary>
    Unauthenticated,
    /// <summary>The caller is doing this too often.</summary>
    RateLimited,
    /// <summary>What was sent is bigger than the rule allows (an avatar over 1 MiB).</summary>
    TooLarge,
    /// <summary>What was sent is not of a kind accepted here (an avatar that is not a known image).</summary>
    UnsupportedMediaType,
    /// <summary>What the action needs does not answer now (another instance of the server); trying again later may work.</summary>
    Unavailable,
}
