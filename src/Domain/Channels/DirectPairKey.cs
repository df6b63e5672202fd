using Transcendence.Domain.Common;

namespace Transcendence.Domain.Channels;

/// <summary>
/// The key that makes a direct channel unique per pair of users: both ids in <see cref="UuidOrder"/>, so
/// the pair (a, b) and the pair (b, a) have the same key.
/// </summary>
public static class DirectPairKey
{
    public static string For(Guid first, Guid second)
    {
        var (low, high) = UuidOrder.Instance.Compare(first, second) <= 0 ? (first, second) : (second, first);
        return $"{low:D}:{high:D}";
    }
}
