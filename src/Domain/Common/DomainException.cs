namespace Transcendence.Domain.Common;

/// <summary>
/// A rule refused an action. <see cref="Code"/> is the dotted error code clients see
/// (<c>user.name_taken</c>); the message is a sentence for people.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, ErrorKind kind, string message)
        : base(message)
    {
        Code = code;
        Kind = kind;
    }

    public string Code { get; }

    public ErrorKind Kind { get; }
}
