using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;
using Transcendence.Domain.Games;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryMatchRepository(InMemorySession session) : IMatchRepository
{
    public Task<bool> AddAsync(Match match, CancellationToken cancellationToken)
    {
        var added = false;
        session.Write(state =>
        {
            added = !state.Matches.ContainsKey(match.Id);
            return added ? state with { Matches = state.Matches.Add(match.Id, MatchRow.From(match)) } : state;
        }, StoreKey.Of(StoreTable.Matches, match.Id));
        return Task.FromResult(added);
    }

    public Task<IReadOnlyList<Match>> ListForPlayerAsync(Guid userId, Guid? before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IMatchRepository.MaxPageSize);
        session.Read(StoreKey.All(StoreTable.Matches));
        var mine = session.State.Matches.Values.Where(m => m.LeftPlayerId == userId || m.RightPlayerId == userId).ToList();
        IEnumerable<MatchRow> older = mine;
        if (before is { } cursorId)
        {
            var cursor = mine.FirstOrDefault(m => m.Id == cursorId);
            if (cursor is null)
            {
                return Task.FromResult<IReadOnlyList<Match>>([]);
            }

            older = mine.Where(m => m.EndedAt < cursor.EndedAt
                || (m.EndedAt == cursor.EndedAt && UuidOrder.Instance.Compare(m.Id, cursor.Id) < 0));
        }

        IReadOnlyList<Match> page = [.. older
            .OrderByDescending(m => m.EndedAt)
            .ThenByDescending(m => m.Id, UuidOrder.Instance)
            .Take(limit)
            .Select(m => m.ToMatch())];
        return Task.FromResult(page);
    }
}
