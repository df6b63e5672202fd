using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;
using Transcendence.Domain.Games;
using Transcendence.Domain.Users;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Games;

/// <summary>What every <see cref="IMatchRepository"/> and <see cref="IPlayerStatsRepository"/> promise; run against both stores.</summary>
public abstract class GameStoreContract
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4560);

    private StoreHarness _store = null!;
    private User _alice = null!;
    private User _bob = null!;
    private User _carol = null!;

    protected abstract StorageProvider Provider { get; }

    [SetUp]
    public async Task StartStore()
    {
        _store = await StoreHarness.StartAsync(Provider);
        _alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        _bob = User.Register("bob", DisplayName.Parse("bob"), Now);
        _carol = User.Register("carol", DisplayName.Parse("carol"), Now);
        await using var scope = _store.NewScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();
        foreach (var user in new[] { _alice, _bob, _carol })
        {
            await users.AddAsync(user, CancellationToken.None);
        }
    }

    [TearDown]
    public async Task StopStore() => await _store.DisposeAsync();

    [Test]
    public async Task A_stored_match_reads_back_equal_and_is_stored_once()
    {
        var match = MatchOf(_alice, _bob, winner: _bob, endedAt: Now.AddMinutes(3), settings: GameSettings.Create(7, 1.25, 120));

        (await WithMatches(m => m.AddAsync(match, CancellationToken.None))).ShouldBeTrue();
        (await WithMatches(m => m.AddAsync(match, CancellationToken.None))).ShouldBeFalse();

        var page = await WithMatches(m => m.ListForPlayerAsync(_bob.Id, null, 10, CancellationToken.None));
        var stored = page.ShouldHaveSingleItem();
        stored.Id.ShouldBe(match.Id);
        stored.Mode.ShouldBe(GameMode.Speed);
        stored.Settings.ShouldBe(match.Settings);
        stored.PlayerIds.ShouldBe([_alice.Id, _bob.Id]);
        stored.Score.ShouldBe([2, 7]);
        stored.WinnerId.ShouldBe(_bob.Id);
        stored.Reason.ShouldBe(MatchEndReason.Score);
        stored.StartedAt.ShouldBe(match.StartedAt);
        stored.EndedAt.ShouldBe(match.EndedAt);
    }

    [Test]
    public async Task A_stored_match_keeps_the_deficits_and_spectators_achievements_are_judged_on()
    {
        var match = MatchOf(_alice, _bob, winner: _alice, endedAt: Now.AddMinutes(3)) with
        {
            MaxDeficit = [4, 0],
            SpectatorIds = [_carol.Id],
        };

        await WithMatches(m => m.AddAsync(match, CancellationToken.None));

        var stored = (await WithMatches(m => m.ListForPlayerAsync(_alice.Id, null, 10, CancellationToken.None))).ShouldHaveSingleItem();
        stored.MaxDeficit.ShouldBe([4, 0]);
        stored.SpectatorIds.ShouldBe([_carol.Id]);
        stored.Watchers.ShouldBe([_carol.Id]);
    }

    [Test]
    public async Task History_pages_newest_first_and_before_excludes_the_named_match()
    {
        var matches = Enumerable.Range(0, 5)
            .Select(i => MatchOf(i % 2 == 0 ? _alice : _bob, i % 2 == 0 ? _bob : _alice, winner: _alice, endedAt: Now.AddMinutes(i)))
            .ToList();
        var other = MatchOf(_bob, _carol, winner: _carol, endedAt: Now.AddMinutes(10));
        foreach (var match in matches.Append(other))
        {
            await WithMatches(m => m.AddAsync(match, CancellationToken.None));
        }

        var first = await WithMatches(m => m.ListForPlayerAsync(_alice.Id, null, 2, CancellationToken.None));
        first.Select(m => m.Id).ShouldBe([matches[4].Id, matches[3].Id]);
        var second = await WithMatches(m => m.ListForPlayerAsync(_alice.Id, first[^1].Id, 2, CancellationToken.None));
        second.Select(m => m.Id).ShouldBe([matches[2].Id, matches[1].Id]);
        var last = await WithMatches(m => m.ListForPlayerAsync(_alice.Id, second[^1].Id, 2, CancellationToken.None));
        last.Select(m => m.Id).ShouldBe([matches[0].Id]);

        (await WithMatches(m => m.ListForPlayerAsync(_alice.Id, other.Id, 2, CancellationToken.None))).ShouldBeEmpty();
    }

    [Test]
    public async Task A_user_with_nothing_stored_has_the_starting_figures_and_no_rank()
    {
        var stats = await WithStats(s => s.GetAsync(_carol.Id, CancellationToken.None));

        stats.ShouldBe(PlayerStats.New(_carol.Id), new PlayerStatsComparer());
        (await WithStats(s => s.RankOfAsync(_carol.Id, CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task Figures_are_saved_and_achievements_are_held_once_in_the_order_earned()
    {
        await WithStats(s => s.SaveAsync(new PlayerStats(_alice.Id, 3, 1, 1040, 2, []), CancellationToken.None));
        await WithStats(s => s.SaveAsync(new PlayerStats(_alice.Id, 4, 1, 1055, 2, []), CancellationToken.None));
        (await WithStats(s => s.AddAchievementAsync(_alice.Id, Achievements.FirstWin, Now, CancellationToken.None))).ShouldBeTrue();
        (await WithStats(s => s.AddAchievementAsync(_alice.Id, Achievements.Comeback, Now.AddMinutes(1), CancellationToken.None))).ShouldBeTrue();
        (await WithStats(s => s.AddAchievementAsync(_alice.Id, Achievements.FirstWin, Now.AddMinutes(2), CancellationToken.None))).ShouldBeFalse();

        var stats = await WithStats(s => s.GetAsync(_alice.Id, CancellationToken.None));

        stats.ShouldBe(new PlayerStats(_alice.Id, 4, 1, 1055, 2, [Achievements.FirstWin, Achievements.Comeback]), new PlayerStatsComparer());
    }

    [Test]
    public async Task The_ranking_is_by_rating_then_wins_and_leaves_out_who_never_played()
    {
        await WithStats(s => s.SaveAsync(new PlayerStats(_alice.Id, 1, 2, 990, 0, []), CancellationToken.None));
        await WithStats(s => s.SaveAsync(new PlayerStats(_bob.Id, 2, 1, 1010, 0, []), CancellationToken.None));
        await WithStats(s => s.SaveAsync(new PlayerStats(_carol.Id, 0, 0, 1000, 4, []), CancellationToken.None));
        await WithStats(s => s.AddAchievementAsync(_bob.Id, Achievements.FirstWin, Now, CancellationToken.None));

        var board = await WithStats(s => s.LeaderboardAsync(10, CancellationToken.None));

        board.Select(s => s.UserId).ShouldBe([_bob.Id, _alice.Id]);
        board[0].Achievements.ShouldBe([Achievements.FirstWin]);
        (await WithStats(s => s.RankOfAsync(_bob.Id, CancellationToken.None))).ShouldBe(1);
        (await WithStats(s => s.RankOfAsync(_alice.Id, CancellationToken.None))).ShouldBe(2);
        (await WithStats(s => s.RankOfAsync(_carol.Id, CancellationToken.None))).ShouldBeNull();
        (await WithStats(s => s.LeaderboardAsync(1, CancellationToken.None))).Select(s => s.UserId).ShouldBe([_bob.Id]);
    }

    [Test]
    public async Task Equal_ratings_rank_the_player_with_more_wins_first()
    {
        await WithStats(s => s.SaveAsync(new PlayerStats(_alice.Id, 1, 0, 1016, 0, []), CancellationToken.None));
        await WithStats(s => s.SaveAsync(new PlayerStats(_bob.Id, 3, 2, 1016, 0, []), CancellationToken.None));

        (await WithStats(s => s.LeaderboardAsync(10, CancellationToken.None))).Select(s => s.UserId).ShouldBe([_bob.Id, _alice.Id]);
        (await WithStats(s => s.RankOfAsync(_alice.Id, CancellationToken.None))).ShouldBe(2);
    }

    private static Match MatchOf(User left, User right, User winner, DateTimeOffset endedAt, GameSettings? settings = null) => new(
        UuidV7.NewId(endedAt.AddMinutes(-1)),
        GameMode.Speed,
        settings ?? GameSettings.Default,
        [left.Id, right.Id],
        winner.Id == left.Id ? [7, 2] : [2, 7],
        winner.Id,
        MatchEndReason.Score,
        Instant.Normalize(endedAt.AddMinutes(-1)),
        Instant.Normalize(endedAt),
        [0, 1],
        []);

    private async Task<T> WithMatches<T>(Func<IMatchRepository, Task<T>> work)
    {
        await using var scope = _store.NewScope();
        return await work(scope.ServiceProvider.GetRequiredService<IMatchRepository>());
    }

    private async Task<T> WithStats<T>(Func<IPlayerStatsRepository, Task<T>> work)
    {
        await using var scope = _store.NewScope();
        return await work(scope.ServiceProvider.GetRequiredService<IPlayerStatsRepository>());
    }

    private async Task WithStats(Func<IPlayerStatsRepository, Task> work)
    {
        await using var scope = _store.NewScope();
        await work(scope.ServiceProvider.GetRequiredService<IPlayerStatsRepository>());
    }

    /// <summary>Records compare their lists by reference; this compares them by content.</summary>
    private sealed class PlayerStatsComparer : IEqualityComparer<PlayerStats>
    {
        public bool Equals(PlayerStats? x, PlayerStats? y) =>
            x is not null && y is not null && x with { Achievements = [] } == y with { Achievements = [] }
            && x.Achievements.SequenceEqual(y.Achievements);

        public int GetHashCode(PlayerStats obj) => obj.UserId.GetHashCode();
    }
}

[TestFixture]
public sealed class InMemoryGameStoreTests : GameStoreContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresGameStoreTests : GameStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
