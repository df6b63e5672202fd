using System.Collections.Immutable;

namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>The brute-force limits' tables; every state starts with them empty.</summary>
public sealed partial record InMemoryState
{
    /// <summary>The <c>channel_password_guesses</c> rows by their primary key; a channel's go with it.</summary>
    public ImmutableDictionary<(Guid ChannelId, Guid UserId), ChannelPasswordGuessRow> ChannelPasswordGuesses { get; init; } =
        ImmutableDictionary<(Guid ChannelId, Guid UserId), ChannelPasswordGuessRow>.Empty;
}
