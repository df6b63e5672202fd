using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryChannelPasswordGuessRepository(InMemorySession session) : IChannelPasswordGuessRepository
{
    public Task<ChannelPasswordGuesses> FindAsync(Guid channelId, Guid userId, CancellationToken cancellationToken)
    {
        session.Read(Key(channelId, userId));
        return Task.FromResult(session.State.ChannelPasswordGuesses.TryGetValue((channelId, userId), out var row)
            ? row.ToGuesses()
            : ChannelPasswordGuesses.None(channelId, userId));
    }

    public Task SaveAsync(ChannelPasswordGuesses guesses, CancellationToken cancellationToken)
    {
        var row = ChannelPasswordGuessRow.From(guesses);
        session.Write(state =>
        {
            InMemoryConstraints.RequireChannel(state, row.ChannelId);
            InMemoryConstraints.RequireUsers(state, [row.UserId]);
            return state with { ChannelPasswordGuesses = state.ChannelPasswordGuesses.SetItem((row.ChannelId, row.UserId), row) };
        }, Key(row.ChannelId, row.UserId));
        return Task.CompletedTask;
    }

    public Task RemoveAsync(Guid channelId, Guid userId, CancellationToken cancellationToken)
    {
        session.Write(
            state => state with { ChannelPasswordGuesses = state.ChannelPasswordGuesses.Remove((channelId, userId)) },
            Key(channelId, userId));
        return Task.CompletedTask;
    }

    private static long Key(Guid channelId, Guid userId) => StoreKey.Of(StoreTable.PasswordGuesses, (channelId, userId));
}
