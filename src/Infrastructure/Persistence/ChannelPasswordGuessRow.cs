using Transcendence.Domain.Channels;

namespace Transcendence.Infrastructure.Persistence;

/// <summary>A user's wrong passwords at one channel, as both stores hold them.</summary>
public sealed class ChannelPasswordGuessRow
{
    public Guid ChannelId { get; init; }

    public Guid UserId { get; init; }

    public int WrongGuesses { get; init; }

    public DateTimeOffset LastWrongAt { get; init; }

    public static ChannelPasswordGuessRow From(ChannelPasswordGuesses guesses) => new()
    {
        ChannelId = guesses.ChannelId,
        UserId = guesses.UserId,
        WrongGuesses = guesses.WrongGuesses,
        LastWrongAt = guesses.LastWrongAt ?? throw new InvalidOperationException("only wrong guesses are stored"),
    };

    public ChannelPasswordGuesses ToGuesses() => ChannelPasswordGuesses.Rehydrate(ChannelId, UserId, WrongGuesses, LastWrongAt);
}
