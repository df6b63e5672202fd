using Mediator;
using Transcendence.Application.Channels;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Common.Realtime;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.RecordMatch;

/// <summary>
/// A finished match is stored with its consequences (<see cref="Ladder"/> works them out), all in one
/// transaction: both players' wins, losses and Elo ratings, the games its spectators watched, and every
/// achievement earned (each announced with a chat <c>Notice</c> <c>achievement</c> to its owner). Sent off
/// the tick; a match stored already is left alone (and reports no rating change). Answers each player's
/// rating change, for <c>GameEnded</c>.
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
        var spectators = new List<PlayerStats>();
        foreach (var spectatorId in match.Watchers)
        {
            spectators.Add(await stats.GetAsync(spectatorId, cancellationToken));
        }

        var change = Ladder.Record(match, winner, loser, spectators);
        foreach (var after in change.Stats)
        {
            await stats.SaveAsync(after, cancellationToken);
        }

        foreach (var (userId, achievement) in change.Earned)
        {
            if (await stats.AddAchievementAsync(userId, achievement, match.EndedAt, cancellationToken))
            {
                notifier.ToUser(userId, ChatEvents.Notice, new NoticeEvent(
                    "achievement", null, null, userId, null, $"achievement unlocked: {achievement}"));
            }
        }

        return new MatchRecorded(change.RatingChange);
    }
}
