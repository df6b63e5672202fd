using System.Buffers.Binary;

namespace Transcendence.TestSupport;

/// <summary>
/// Counts the round trips clients make to PostgreSQL, read off the wire through a <see cref="TcpRelay"/>
/// (<c>TcpRelay.To(host, port, counter.Tap)</c>): a client waits for the server once per Sync (the end of
/// an extended-protocol exchange: a command, a whole batch, a prepared statement's Parse included) and
/// once per simple Query (how Npgsql sends BEGIN, COMMIT and ROLLBACK). The start-up exchange is not
/// counted. The connection string must turn TLS and GSS encryption off, or the bytes cannot be read.
/// </summary>
public sealed class PostgresRoundTripCounter
{
    private const int SslRequestCode = 80877103;
    private const int GssEncRequestCode = 80877104;

    private long _count;

    /// <summary>Round trips counted so far, on every connection.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>A tap for one new connection (each keeps its own place in the byte stream).</summary>
    public Action<ReadOnlyMemory<byte>> Tap() => new FrontendReader(this).Read;

    /// <summary>
    /// Walks the frontend messages: before start-up they have no type byte (length, then a code); after,
    /// a type byte and a length that counts itself but not the type.
    /// </summary>
    private sealed class FrontendReader(PostgresRoundTripCounter counter)
    {
        private readonly byte[] _header = new byte[8];
        private int _filled;
        private long _skip;
        private bool _started;

        public void Read(ReadOnlyMemory<byte> bytes)
        {
            var span = bytes.Span;
            while (span.Length > 0)
            {
                if (_skip > 0)
                {
                    var skipped = (int)Math.Min(_skip, span.Length);
                    _skip -= skipped;
                    span = span[skipped..];
                    continue;
                }

                var headerSize = _started ? 5 : 8;
                var taken = Math.Min(headerSize - _filled, span.Length);
                span[..taken].CopyTo(_header.AsSpan(_filled));
                _filled += taken;
                span = span[taken..];
                if (_filled < headerSize)
                {
                    return;
                }

                _filled = 0;
                if (_started)
                {
                    _skip = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(1)) - 4;
                    if (_header[0] is (byte)'S' or (byte)'Q')
                    {
                        Interlocked.Increment(ref counter._count);
                    }
                }
                else
                {
                    _skip = BinaryPrimitives.ReadInt32BigEndian(_header) - 8;
                    _started = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(4)) is not (SslRequestCode or GssEncRequestCode);
                }
            }
        }
    }
}
