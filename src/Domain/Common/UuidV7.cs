using System.Security.Cryptography;

namespace Transcendence.Domain.Common;

/// <summary>
/// UUID version 7 (RFC 9562) made monotonic within the process: two ids made in the same millisecond
/// still sort in creation order, because the 12-bit <c>rand_a</c> field is a counter seeded at random
/// each millisecond (RFC 9562 §6.2, method 1). Ids then sort by creation time both as strings and in
/// PostgreSQL's <c>uuid</c> ordering.
/// </summary>
public static class UuidV7
{
    private static readonly Lock Gate = new();
    private static long _lastMs = -1;
    private static int _counter;

    /// <summary>Makes the next id for an entity created at <paramref name="at"/>.</summary>
    public static Guid NewId(DateTimeOffset at)
    {
        long ms;
        int counter;
        lock (Gate)
        {
            ms = Math.Max(at.ToUnixTimeMilliseconds(), _lastMs);
            if (ms == _lastMs)
            {
                _counter++;
                if (_counter > 0xFFF)
                {
                    // Counter exhausted in this millisecond: borrow the next one, as the RFC allows.
                    ms++;
                    _counter = RandomNumberGenerator.GetInt32(0, 0x400);
                }
            }
            else
            {
                // Leave headroom so a burst in one millisecond rarely overflows the counter.
                _counter = RandomNumberGenerator.GetInt32(0, 0x400);
            }

            _lastMs = ms;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        bytes[0] = (byte)(ms >> 40);
        bytes[1] = (byte)(ms >> 32);
        bytes[2] = (byte)(ms >> 24);
        bytes[3] = (byte)(ms >> 16);
        bytes[4] = (byte)(ms >> 8);
        bytes[5] = (byte)ms;
        bytes[6] = (byte)(0x70 | ((counter >> 8) & 0x0F));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
