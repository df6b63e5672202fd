using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Transcendence.Web.Realtime;

namespace Transcendence.Web.Hubs;

/// <summary>
/// Keeps hub errors in the contract's shape, <c>code: sentence</c>. SignalR itself wraps the message of
/// every <see cref="HubException"/> as <c>An unexpected error occurred invoking 'X' on the server.
/// HubException: code: sentence</c>, and answers arguments it cannot bind with a bare sentence; this
/// decorator of the wire protocol unwraps the first and gives the second the <c>validation</c> code.
/// A connection refused at connect is closed with <c>Connection closed with an error. HubException:
/// code: sentence</c>; its close message is unwrapped the same way. A connection the server closed for a
/// reason of its own (<see cref="ServerCloseReasons"/>: a slow reader) gets that reason in its close message.
/// Every other message passes through untouched.
/// </summary>
public sealed class CodedErrorHubProtocol(IHubProtocol inner, ServerCloseReasons? closeReasons = null) : IHubProtocol
{
    private const string HubExceptionMarker = " HubException: ";
    private const string InvokingPrefix = "An unexpected error occurred invoking '";
    private const string BindingPrefix = "Failed to invoke '";
    private const string ClosePrefix = "Connection closed with an error.";

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        if (message is CloseMessage && closeReasons is not null && closeReasons.TryTake(output, out var reason))
        {
            // The client may reconnect at once: nothing was lost, history has every message.
            inner.WriteMessage(new CloseMessage(reason, allowReconnect: true), output);
            return;
        }

        inner.WriteMessage(Recode(message), output);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(Recode(message));

    /// <summary>The error a client should see for what SignalR would send.</summary>
    public static string Recode(string error)
    {
        if ((error.StartsWith(InvokingPrefix, StringComparison.Ordinal) || error.StartsWith(ClosePrefix, StringComparison.Ordinal))
            && error.IndexOf(HubExceptionMarker, StringComparison.Ordinal) is var marker and >= 0)
        {
            return error[(marker + HubExceptionMarker.Length)..];
        }

        if (error.StartsWith(BindingPrefix, StringComparison.Ordinal)
            && error.IndexOf('\'', BindingPrefix.Length) is var end and > 0)
        {
            var method = error[BindingPrefix.Length..end];
            return $"validation: the arguments of {method} are missing or not of the expected types (ids are UUID strings)";
        }

        return error;
    }

    private static HubMessage Recode(HubMessage message)
    {
        if (message is CloseMessage { Error: { } closeError } close)
        {
            var recodedClose = Recode(closeError);
            return ReferenceEquals(recodedClose, closeError) ? message : new CloseMessage(recodedClose, close.AllowReconnect);
        }

        if (message is not CompletionMessage { Error: { } error } completion)
        {
            return message;
        }

        var recoded = Recode(error);
        return ReferenceEquals(recoded, error)
            ? message
            : new CompletionMessage(completion.InvocationId!, recoded, result: null, hasResult: false) { Headers = completion.Headers };
    }
}
