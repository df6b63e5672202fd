using System.Text;

namespace Transcendence.Domain.Channels;

/// <summary>The shape rules of the text people type into chat: names, messages, client ids.</summary>
internal static class ChatText
{
    /// <summary>
    /// Length in Unicode scalar values, so an emoji counts once. Null when the text holds a lone
    /// surrogate, which no store can keep as UTF-8.
    /// </summary>
    public static int? LengthOf(string text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return null;
            }

            length++;
        }

        return length;
    }

    /// <summary>True when no character is a control character, except newline and tab when allowed.</summary>
    public static bool HasNoControlCharacters(string text, bool allowNewlineAndTab) =>
        !text.Any(c => char.IsControl(c) && !(allowNewlineAndTab && c is '\n' or '\t'));

    /// <summary>
    /// A message's text as stored: line breaks made <c>\n</c> (a Windows <c>\r\n</c> is a newline, not a
    /// forbidden control character), trimmed, 1 to <see cref="Message.MaxTextLength"/> characters.
    /// </summary>
    public static string MessageText(string? text)
    {
        var normalized = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var length = LengthOf(normalized);
        if (length is null || !HasNoControlCharacters(normalized, allowNewlineAndTab: true))
        {
            throw ChannelErrors.Invalid("a message has no control characters other than newline and tab");
        }

        if (length is < 1 or > Message.MaxTextLength)
        {
            throw ChannelErrors.Invalid($"a message has 1 to {Message.MaxTextLength} characters");
        }

        return normalized;
    }

    /// <summary>A channel's name: trimmed, 1 to <see cref="Channel.MaxNameLength"/> characters on one line.</summary>
    public static string ChannelName(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        var length = LengthOf(trimmed);
        if (length is null || !HasNoControlCharacters(trimmed, allowNewlineAndTab: false))
        {
            throw ChannelErrors.Invalid("a channel name has no control characters");
        }

        if (length is < 1 or > Channel.MaxNameLength)
        {
            throw ChannelErrors.Invalid($"a channel name has 1 to {Channel.MaxNameLength} characters");
        }

        return trimmed;
    }

    /// <summary>A protected channel's password: taken as typed (not trimmed), within its length.</summary>
    public static string Password(string? password)
    {
        var length = password is null ? null : LengthOf(password);
        if (length is null or < Channel.MinPasswordLength or > Channel.MaxPasswordLength
            || !HasNoControlCharacters(password!, allowNewlineAndTab: false))
        {
            throw ChannelErrors.Invalid(
                $"a channel password has {Channel.MinPasswordLength} to {Channel.MaxPasswordLength} characters and no control characters");
        }

        return password!;
    }

    /// <summary>The id a client gives a message to make its send idempotent: 1 to 64 visible ASCII characters.</summary>
    public static string ClientMessageId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > Message.MaxClientMessageIdLength || !id.All(c => c is >= '!' and <= '~'))
        {
            throw ChannelErrors.Invalid(
                $"a client message id has 1 to {Message.MaxClientMessageIdLength} visible ASCII characters");
        }

        return id;
    }
}
