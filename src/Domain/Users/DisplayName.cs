using System.Text;

namespace Transcendence.Domain.Users;

/// <summary>
/// A user's public name: 3–20 characters of ASCII letters, digits, <c>_</c> and <c>-</c>, unique
/// without regard to case (the store compares <see cref="Normalized"/>).
/// </summary>
public sealed record DisplayName
{
    public const int MinLength = 3;
    public const int MaxLength = 20;

    private DisplayName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The case-folded form uniqueness is decided on.</summary>
    public string Normalized => Value.ToLowerInvariant();

    public static bool IsValid(string? candidate, out string reason)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length < MinLength || candidate.Length > MaxLength)
        {
            reason = $"a display name has {MinLength} to {MaxLength} characters";
            return false;
        }

        foreach (var c in candidate)
        {
            if (!IsAllowed(c))
            {
                reason = "a display name uses only letters, digits, '_' and '-'";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }

    public static DisplayName Parse(string? candidate) =>
        IsValid(candidate, out var reason)
            ? new DisplayName(candidate!)
            : throw UserErrors.InvalidDisplayName(reason);

    /// <summary>
    /// Display names to try, in order, for a new user whose provider login is <paramref name="login"/>:
    /// the login made valid, then the same with a growing numeric suffix. The caller takes the first
    /// one that is free.
    /// </summary>
    public static IEnumerable<DisplayName> CandidatesFor(string login)
    {
        var basis = new StringBuilder(MaxLength);
        foreach (var c in login)
        {
            if (basis.Length == MaxLength)
            {
                break;
            }

            basis.Append(IsAllowed(c) ? c : '_');
        }

        while (basis.Length < MinLength)
        {
            basis.Append('_');
        }

        var root = basis.ToString();
        yield return new DisplayName(root);
        for (var n = 2; ; n++)
        {
            var suffix = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var head = root.Length + suffix.Length > MaxLength ? root[..(MaxLength - suffix.Length)] : root;
            yield return new DisplayName(head + suffix);
        }
    }

    public override string ToString() => Value;

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
