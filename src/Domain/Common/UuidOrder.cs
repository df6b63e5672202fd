namespace Transcendence.Domain.Common;

/// <summary>
/// Orders ids the way PostgreSQL orders <c>uuid</c> values: byte by byte in RFC 9562 (big-endian)
/// order, which is also the ordinal order of their string forms. Every ordering by id, in the domain
/// and in the in-memory store, goes through this comparer so both stores agree on ties, whatever the
/// runtime's own <see cref="Guid.CompareTo(Guid)"/> does.
/// </summary>
public sealed class UuidOrder : IComparer<Guid>
{
    public static UuidOrder Instance { get; } = new();

    private UuidOrder()
    {
    }

    public int Compare(Guid x, Guid y)
    {
        Span<byte> left = stackalloc byte[16];
        Span<byte> right = stackalloc byte[16];
        x.TryWriteBytes(left, bigEndian: true, out _);
        y.TryWriteBytes(right, bigEndian: true, out _);
        return left.SequenceCompareTo(right);
    }
}
