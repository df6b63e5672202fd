using System.Runtime.InteropServices;

namespace Transcendence.Web.Realtime;

/// <summary>
/// What a hub's registry tells the other instances (<see cref="Application.Common.Ports.IInstanceBus"/>), in a
/// few bytes ahead of the hub message itself, which travels as the JSON protocol's bytes: serialized once by the
/// sender, written as they are by every receiver.
/// </summary>
internal readonly record struct BackplaneEnvelope(
    BackplaneEnvelope.Kinds Kind,
    string? Group,
    string? User,
    IReadOnlyList<string>? ExceptConnections,
    IReadOnlyList<string>? ExceptUsers,
    ReadOnlyMemory<byte> Message)
{
    public enum Kinds : byte
    {
        /// <summary>Deliver <see cref="Message"/> to the topic's local targets, skipping the exceptions.</summary>
        Send = 1,

        /// <summary>Put the topic's user's local connections into <see cref="Group"/>.</summary>
        JoinGroup = 2,

        /// <summary>Take <see cref="User"/>'s local connections out of the topic's group.</summary>
        LeaveGroup = 3,
    }

    public static byte[] Send(ReadOnlyMemory<byte> message, IReadOnlyList<string>? exceptConnections, IReadOnlyCollection<string>? exceptUsers) =>
        Write(Kinds.Send, null, exceptConnections, exceptUsers, message.Span);

    public static byte[] JoinGroup(string group) => Write(Kinds.JoinGroup, group, null, null, default);

    public static byte[] LeaveGroup(string user) => Write(Kinds.LeaveGroup, user, null, null, default);

    public static BackplaneEnvelope Read(ReadOnlyMemory<byte> envelope)
    {
        var kind = (Kinds)envelope.Span[0];
        // Read in place: the bus hands over an array it no longer uses.
        var bytes = MemoryMarshal.TryGetArray(envelope, out var segment) ? segment : new ArraySegment<byte>(envelope.ToArray());
        using var reader = new BinaryReader(new MemoryStream(bytes.Array!, bytes.Offset + 1, bytes.Count - 1, writable: false));
        return kind switch
        {
            Kinds.JoinGroup => new(kind, reader.ReadString(), null, null, null, default),
            Kinds.LeaveGroup => new(kind, null, reader.ReadString(), null, null, default),
            Kinds.Send => ReadSend(envelope, reader),
            _ => throw new InvalidDataException($"unknown backplane envelope kind {kind}"),
        };
    }

    private static BackplaneEnvelope ReadSend(ReadOnlyMemory<byte> envelope, BinaryReader reader)
    {
        var exceptConnections = ReadList(reader);
        var exceptUsers = ReadList(reader);
        // The hub message is the rest, sliced out of the envelope rather than copied.
        return new(Kinds.Send, null, null, exceptConnections, exceptUsers, envelope[(1 + (int)reader.BaseStream.Position)..]);
    }

    private static string[]? ReadList(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count == 0)
        {
            return null;
        }

        var items = new string[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = reader.ReadString();
        }

        return items;
    }

    private static byte[] Write(Kinds kind, string? text, IReadOnlyCollection<string>? first, IReadOnlyCollection<string>? second, ReadOnlySpan<byte> message)
    {
        using var buffer = new MemoryStream(message.Length + 16);
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)kind);
            if (kind == Kinds.Send)
            {
                WriteList(writer, first);
                WriteList(writer, second);
                writer.Write(message);
            }
            else
            {
                writer.Write(text!);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyCollection<string>? items)
    {
        writer.Write(items?.Count ?? 0);
        foreach (var item in items ?? [])
        {
            writer.Write(item);
        }
    }
}
