using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Users;
using Transcendence.Infrastructure.Persistence.InMemory;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Users;

/// <summary>A user's blocks are saved with the user and read back with them, on both stores.</summary>
public abstract class UserBlocksContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now.AddHours(1));
    private StoreHarness _store = null!;
    private User _alice = null!;
    private User _bob = null!;
    private User _carol = null!;

    protected abstract StorageProvider Provider { get; }

    [SetUp]
    public async Task StartStore()
    {
        _store = await StoreHarness.StartAsync(Provider, _clock);
        _alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        _bob = User.Register("bob", DisplayName.Parse("bob"), Now);
        _carol = User.Register("carol", DisplayName.Parse("carol"), Now);
        foreach (var user in new[] { _alice, _bob, _carol })
        {
            await WithRepository(users => users.AddAsync(user, CancellationToken.None));
        }
    }

    [TearDown]
    public async Task StopStore() => await _store.DisposeAsync();

    [Test]
    public async Task Blocks_saved_with_a_user_are_read_back_by_every_finder()
    {
        var alice = await Load(_alice.Id);
        alice.Block(_bob);
        alice.Block(_carol);
        await WithRepository(users => users.UpdateAsync(alice, CancellationToken.None));

        var byId = await Load(_alice.Id);
        var byLogin = await WithRepository(users => users.FindByLoginAsync("alice", CancellationToken.None));
        var byIds = (await WithRepository(users => users.FindByIdsAsync([_alice.Id], CancellationToken.None))).Single();
        var bySearch = (await WithRepository(users => users.SearchAsync("alice", 10, CancellationToken.None))).Single();

        foreach (var found in new[] { byId, byLogin!, byIds, bySearch })
        {
            found.BlockedUserIds.ShouldBe([_bob.Id, _carol.Id], ignoreOrder: true);
            found.Blocks(_bob).ShouldBeTrue();
            _bob.IsBlockedBy(found).ShouldBeTrue();
        }

        (await Load(_bob.Id)).BlockedUserIds.ShouldBeEmpty();
    }

    [Test]
    public async Task A_block_made_before_the_user_is_first_stored_is_stored_with_them()
    {
        var dave = User.Register("dave", DisplayName.Parse("dave"), Now);
        dave.Block(_alice);

        await WithRepository(users => users.AddAsync(dave, CancellationToken.None));

        (await Load(dave.Id)).Blocks(_alice).ShouldBeTrue();
    }

    [Test]
    public async Task Unblocking_and_saving_removes_the_block()
    {
        var alice = await Load(_alice.Id);
        alice.Block(_bob);
        await WithRepository(users => users.UpdateAsync(alice, CancellationToken.None));

        var again = await Load(_alice.Id);
        again.Unblock(_bob);
        await WithRepository(users => users.UpdateAsync(again, CancellationToken.None));

        (await Load(_alice.Id)).BlockedUserIds.ShouldBeEmpty();
    }

    [Test]
    public async Task The_same_user_saved_again_after_a_change_of_mind_keeps_only_the_last_word()
    {
        var alice = await Load(_alice.Id);
        alice.Block(_bob);
        await WithRepository(users => users.UpdateAsync(alice, CancellationToken.None));
        alice.Unblock(_bob);
        await WithRepository(users => users.UpdateAsync(alice, CancellationToken.None));

        (await Load(_alice.Id)).BlockedUserIds.ShouldBeEmpty();
    }

    [Test]
    public async Task Two_copies_of_a_user_blocking_different_users_do_not_undo_each_other()
    {
        var seed = await Load(_alice.Id);
        seed.Block(_carol);
        await WithRepository(users => users.UpdateAsync(seed, CancellationToken.None));
        var first = await Load(_alice.Id);
        var second = await Load(_alice.Id);

        first.Block(_bob);
        await WithRepository(users => users.UpdateAsync(first, CancellationToken.None));
        second.Rename(DisplayName.Parse("alice2"));
        await WithRepository(users => users.UpdateAsync(second, CancellationToken.None));

        var stored = await Load(_alice.Id);
        stored.BlockedUserIds.ShouldBe([_bob.Id, _carol.Id], ignoreOrder: true);
        stored.DisplayName.Value.ShouldBe("alice2");
    }

    [Test]
    public async Task Blocking_an_already_blocked_user_from_a_stale_copy_is_harmless()
    {
        var first = await Load(_alice.Id);
        var second = await Load(_alice.Id);
        first.Block(_bob);
        second.Block(_bob);

        await WithRepository(users => users.UpdateAsync(first, CancellationToken.None));
        await WithRepository(users => users.UpdateAsync(second, CancellationToken.None));

        (await Load(_alice.Id)).BlockedUserIds.ShouldBe([_bob.Id]);
    }

    [Test]
    public async Task Block_rows_carry_the_time_on_the_app_clock_when_they_were_made()
    {
        var alice = await Load(_alice.Id);
        alice.Block(_bob);
        await WithRepository(users => users.UpdateAsync(alice, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var again = await Load(_alice.Id);
        again.Unblock(_bob);
        again.Block(_bob);
        again.Block(_carol);
        await WithRepository(users => users.UpdateAsync(again, CancellationToken.None));

        (await BlockedAtAsync(_store, _alice.Id, _bob.Id)).ShouldBe(Now.AddHours(1));
        (await BlockedAtAsync(_store, _alice.Id, _carol.Id)).ShouldBe(Now.AddHours(1).AddMinutes(1));
    }

    /// <summary>The <c>created_at</c> of a blocks row, read from the store's own table.</summary>
    protected abstract Task<DateTimeOffset> BlockedAtAsync(StoreHarness store, Guid blockerId, Guid blockedId);

    private Task<User> Load(Guid id) =>
        WithRepository(async users => (await users.FindByIdAsync(id, CancellationToken.None))!);

    private async Task<T> WithRepository<T>(Func<IUserRepository, Task<T>> work)
    {
        await using var scope = _store.NewScope();
        return await work(scope.ServiceProvider.GetRequiredService<IUserRepository>());
    }

    private async Task WithRepository(Func<IUserRepository, Task> work)
    {
        await using var scope = _store.NewScope();
        await work(scope.ServiceProvider.GetRequiredService<IUserRepository>());
    }
}

[TestFixture]
public sealed class InMemoryUserBlocksTests : UserBlocksContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;

    protected override async Task<DateTimeOffset> BlockedAtAsync(StoreHarness store, Guid blockerId, Guid blockedId)
    {
        await using var scope = store.NewScope();
        return scope.ServiceProvider.GetRequiredService<InMemoryDatabase>().Committed.Blocks.ByBlocker[blockerId][blockedId];
    }
}

[TestFixture]
public sealed class PostgresUserBlocksTests : UserBlocksContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;

    protected override async Task<DateTimeOffset> BlockedAtAsync(StoreHarness store, Guid blockerId, Guid blockedId)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        var createdAt = await connection.ExecuteScalarAsync<DateTime>(
            "select created_at from blocks where blocker_id = @blockerId and blocked_id = @blockedId", new { blockerId, blockedId });
        return new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc));
    }
}
