using Transcendence.Domain.Common;

namespace Transcendence.Application.Common;

/// <summary>
/// A refusal whose writes made before it must still commit: a login revoked because a used refresh
/// token came back, a wrong two-factor code counted toward the lockout. The unit of work commits, then
/// the refusal reaches the caller like any other (same code, same kind).
/// </summary>
public sealed class CommittedRefusal(DomainException refusal)
    : DomainException(refusal.Code, refusal.Kind, refusal.Message)
{
    public DomainException Refusal { get; } = refusal;
}
