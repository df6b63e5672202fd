using FluentValidation;
using Mediator;
using Transcendence.Application.Channels;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;

namespace Transcendence.Application.Games.GetLeaderboard;

/// <summary>Players who have played, by rating (then wins, then id); rank is the position, from 1.</summary>
public sealed record GetLeaderboard(int? Limit) : IQuery<IReadOnlyList<LeaderboardEntry>>
{
    public const int DefaultLimit = 20;
}

public sealed class GetLeaderboardValidator : AbstractValidator<GetLeaderboard>
{
    public GetLeaderboardValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, IPlayerStatsRepository.MaxLeaderboardSize);
}

public sealed record LeaderboardEntry(int Rank, UserRef User, int Rating, int Wins, int Losses);

public sealed class GetLeaderboardHandler(IUserRepository users, IPlayerStatsRepository stats)
    : IQueryHandler<GetLeaderboard, IReadOnlyList<LeaderboardEntry>>
{
    public async ValueTask<IReadOnlyList<LeaderboardEntry>> Handle(GetLeaderboard query, CancellationToken cancellationToken)
    {
        var board = await stats.LeaderboardAsync(query.Limit ?? GetLeaderboard.DefaultLimit, cancellationToken);
        var names = await users.NamesOfAsync(board.Select(s => s.UserId), cancellationToken);
        return [.. board.Select((s, i) => new LeaderboardEntry(
            i + 1, new UserRef(s.UserId, names.GetValueOrDefault(s.UserId, "unknown")), s.Rating, s.Wins, s.Losses))];
    }
}
