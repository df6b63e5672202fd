using FluentValidation;
using Mediator;
using Transcendence.Application.Channels;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.GameServer;
using Transcendence.Application.Users;
using Transcendence.Domain.Games;

namespace Transcendence.Application.Games.GetMatchHistory;

/// <summary>A page of a user's matches, newest first; <c>before</c> is the id of the last match of the previous page.</summary>
public sealed record GetMatchHistory(Guid UserId, Guid? Before, int? Limit) : IQuery<IReadOnlyList<MatchView>>
{
    public const int DefaultLimit = 20;
}

public sealed class GetMatchHistoryValidator : AbstractValidator<GetMatchHistory>
{
    public GetMatchHistoryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, IMatchRepository.MaxPageSize);
}

/// <summary>A match in history: <see cref="Players"/>[0] was the left paddle and owns <see cref="Score"/>[0].</summary>
/// <param name="Reason"><c>score</c>, <c>forfeit</c> or <c>disconnected</c>.</param>
public sealed record MatchView(
    Guid Id,
    string Mode,
    GameSettingsView Settings,
    IReadOnlyList<UserRef> Players,
    IReadOnlyList<int> Score,
    Guid WinnerId,
    string Reason,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt);

public sealed class GetMatchHistoryHandler(IUserRepository users, IMatchRepository matches)
    : IQueryHandler<GetMatchHistory, IReadOnlyList<MatchView>>
{
    public async ValueTask<IReadOnlyList<MatchView>> Handle(GetMatchHistory query, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(query.UserId, cancellationToken);
        var page = await matches.ListForPlayerAsync(user.Id, query.Before, query.Limit ?? GetMatchHistory.DefaultLimit, cancellationToken);
        var names = await users.NamesOfAsync(page.SelectMany(m => m.PlayerIds), cancellationToken);
        return [.. page.Select(m => new MatchView(
            m.Id,
            m.Mode.ToName(),
            GameSettingsView.Of(m.Settings),
            [.. m.PlayerIds.Select(id => new UserRef(id, names.GetValueOrDefault(id, "unknown")))],
            m.Score,
            m.WinnerId,
            GameEvents.NameOf(m.Reason),
            m.StartedAt,
            m.EndedAt))];
    }
}
