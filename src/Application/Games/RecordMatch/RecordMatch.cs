using Mediator;
using Transcendence.Application.Channels;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.RecordMatch;

/// <summary>
/// A finished match is stored with its consequences, all in one transaction: both players' wins, losses
/// and Elo ratings, the games its spectators watched, and every achievement earned (each announced with a
/// chat <c>Notice</c> <c>achievement</c> to its owner). Sent off the tick; a match stored already is left alone
/// (and reports no rating change). Answers each player's rating change, for <c>GameEnded</c>.
/// </summary>
public sealed record RecordMatch(Match Match) : ICommand<MatchRecorded>;

/// <summary>What storing a match changed: each player's rating, in points (user id to change).</summary>
public sealed record MatchRecorded(IReadOnlyDictionary<Guid, int> RatingChange);

public sealed class RecordMatchHandler(IMatchRepository matches, IPlayerStatsRepository stats, IRealtimeNotifier notifier)
    : ICommandHandler<RecordMatch, MatchRecorded>
{
    public async ValueTask<MatchRecorded> Handle(RecordMatch command, CancellationToken cancellationToken)
    {
        var match = command.Match;
        if (!await matches.AddAsync(match, cancellationToken))
        {
            return new MatchRecorded(new Dictionary<Guid, int>());
        }

        var winner = await stats.GetAsync(match.WinnerId, cancellationToken);
        var loser = await stats.GetAsync(match.LoserId, cancellationToken);
        var earned = new List<(Guid UserId, string Achievement)>();
        earned.AddRange(Achievements.Earned(match, winner.UserId, winner.ToRecord()).Select(a => (winner.UserId, a)));
        earned.AddRange(Achievements.Earned(match, loser.UserId, loser.ToRecord()).Select(a => (loser.UserId, a)));

        var elo = Elo.Rate(winner.Rating, loser.Rating);
        await stats.SaveAsync(winner with { Wins = winner.Wins + 1, Rating = elo.WinnerRating }, cancellationToken);
        await stats.SaveAsync(loser with { Losses = loser.Losses + 1, Rating = elo.LoserRating }, cancellationToken);

        foreach (var spectatorId in match.SpectatorIds.Distinct().Where(id => !match.IsPlayer(id)))
        {
            var spectator = await stats.GetAsync(spectatorId, cancellationToken);
            earned.AddRange(Achievements.Earned(match, spectatorId, spectator.ToRecord()).Select(a => (spectatorId, a)));
            await stats.SaveAsync(spectator with { GamesSpectated = spectator.GamesSpectated + 1 }, cancellationToken);
        }

        foreach (var (userId, achievement) in earned)
        {
            if (await stats.AddAchievementAsync(userId, achievement, match.EndedAt, cancellationToken))
            {
                notifier.ToUser(userId, ChatEvents.Notice, new NoticeEvent(
                    "achievement", null, null, userId, null, $"achievement unlocked: {achievement}"));
            }
        }

        return new MatchRecorded(new Dictionary<Guid, int>
        {
            [winner.UserId] = elo.WinnerRating - winner.Rating,
            [loser.UserId] = elo.LoserRating - loser.Rating,
        });
    }
}
