using Transcendence.Domain.Games;

namespace Transcendence.Application.Common.Ports;

/// <summary>Where played matches are kept whole, once per match (its id is its room's).</summary>
public interface IMatchRepository
{
    /// <summary>The most matches one page of history holds.</summary>
    const int MaxPageSize = 100;

    /// <summary>Stores a match; false (and nothing written) when one with its id is already stored.</summary>
    Task<bool> AddAsync(Match match, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the user's matches as a player, newest first by (ended at, id), at most
    /// <paramref name="limit"/> (1 to <see cref="MaxPageSize"/>). With <paramref name="before"/>, only
    /// matches older than that one (which is left out; an id that is not one of the user's gives an empty page).
    /// </summary>
    Task<IReadOnlyList<Match>> ListForPlayerAsync(Guid userId, Guid? before, int limit, CancellationToken cancellationToken);
}
