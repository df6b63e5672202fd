using Transcendence.Domain.Common;

namespace Transcendence.Domain.Channels;

/// <summary>
/// One user's wrong passwords at one protected channel, since their last right one. The first
/// <see cref="FreeWrongGuesses"/> cost nothing; after that each wrong guess locks the user out of that
/// channel's password for <see cref="FirstLockout"/>, then twice as long each time, at most
/// <see cref="MaxLockout"/> (<c>rate_limited</c>, right password or not). A right password forgets them.
/// </summary>
public sealed class ChannelPasswordGuesses
{
    public const int FreeWrongGuesses = 5;

    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxLockout = TimeSpan.FromHours(1);

    private ChannelPasswordGuesses(Guid channelId, Guid userId, int wrongGuesses, DateTimeOffset? lastWrongAt)
    {
        ChannelId = channelId;
        UserId = userId;
        WrongGuesses = wrongGuesses;
        LastWrongAt = lastWrongAt;
    }

    public Guid ChannelId { get; }

    public Guid UserId { get; }

    /// <summary>Wrong passwords in a row.</summary>
    public int WrongGuesses { get; private set; }

    public DateTimeOffset? LastWrongAt { get; private set; }

    /// <summary>Until when the user may not try again; null when they may.</summary>
    public DateTimeOffset? LockedUntil =>
        LastWrongAt is { } last && WrongGuesses >= FreeWrongGuesses
            ? last + Backoff.After(WrongGuesses, FreeWrongGuesses, FirstLockout, MaxLockout)
            : null;

    /// <summary>No wrong guess yet.</summary>
    public static ChannelPasswordGuesses None(Guid channelId, Guid userId) => new(channelId, userId, 0, null);

    public static ChannelPasswordGuesses Rehydrate(Guid channelId, Guid userId, int wrongGuesses, DateTimeOffset? lastWrongAt) =>
        new(channelId, userId, wrongGuesses, lastWrongAt is { } last ? Instant.Normalize(last) : null);

    /// <summary>Refuses (<c>rate_limited</c>) a guess while locked out, whatever the password.</summary>
    public void EnsureMayGuess(DateTimeOffset now)
    {
        if (LockedUntil is { } until && now < until)
        {
            throw ChannelErrors.TooManyWrongPasswords(until - now);
        }
    }

    /// <summary>Counts a wrong password made at <paramref name="now"/>.</summary>
    public void CountWrong(DateTimeOffset now)
    {
        WrongGuesses++;
        LastWrongAt = Instant.Normalize(now);
    }
}
