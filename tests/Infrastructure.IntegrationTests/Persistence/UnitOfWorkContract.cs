using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Persistence;

/// <summary>A unit of work commits all of its writes or none, on either store.</summary>
public abstract class UnitOfWorkContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private StoreHarness _store = null!;

    protected abstract StorageProvider Provider { get; }

    [SetUp]
    public async Task StartStore() => _store = await StoreHarness.StartAsync(Provider);

    [TearDown]
    public async Task StopStore() => await _store.DisposeAsync();

    [Test]
    public async Task A_rolled_back_unit_of_work_leaves_none_of_its_writes()
    {
        var first = User.Register("first", DisplayName.Parse("first"), Now);
        var second = User.Register("second", DisplayName.Parse("second"), Now);
        await using (var scope = _store.NewScope())
        {
            var (unitOfWork, users) = Resolve(scope);
            await unitOfWork.BeginAsync(CancellationToken.None);
            await users.AddAsync(first, CancellationToken.None);
            await users.AddAsync(second, CancellationToken.None);
            (await users.FindByIdAsync(first.Id, CancellationToken.None)).ShouldNotBeNull("a transaction reads its own writes");
            await unitOfWork.RollbackAsync(CancellationToken.None);
        }

        await using var check = _store.NewScope();
        var reader = check.ServiceProvider.GetRequiredService<IUserRepository>();
        (await reader.FindByIdAsync(first.Id, CancellationToken.None)).ShouldBeNull();
        (await reader.FindByIdAsync(second.Id, CancellationToken.None)).ShouldBeNull();
    }

    [Test]
    public async Task A_failed_write_inside_a_unit_of_work_undoes_the_earlier_writes_once_rolled_back()
    {
        await using (var seed = _store.NewScope())
        {
            await Resolve(seed).Users.AddAsync(User.Register("taken", DisplayName.Parse("taken"), Now), CancellationToken.None);
        }

        var fresh = User.Register("fresh", DisplayName.Parse("fresh"), Now);
        await using (var scope = _store.NewScope())
        {
            var (unitOfWork, users) = Resolve(scope);
            await unitOfWork.BeginAsync(CancellationToken.None);
            await users.AddAsync(fresh, CancellationToken.None);
            await Should.ThrowAsync<DomainException>(() =>
                users.AddAsync(User.Register("other", DisplayName.Parse("TAKEN"), Now), CancellationToken.None));
            await unitOfWork.RollbackAsync(CancellationToken.None);
        }

        await using var check = _store.NewScope();
        (await Resolve(check).Users.FindByIdAsync(fresh.Id, CancellationToken.None)).ShouldBeNull();
    }

    [Test]
    public async Task Uncommitted_writes_are_invisible_to_other_scopes_until_commit()
    {
        var user = User.Register("pending", DisplayName.Parse("pending"), Now);
        await using var writer = _store.NewScope();
        var (unitOfWork, users) = Resolve(writer);
        await unitOfWork.BeginAsync(CancellationToken.None);
        await users.AddAsync(user, CancellationToken.None);

        await using (var reader = _store.NewScope())
        {
            (await Resolve(reader).Users.FindByIdAsync(user.Id, CancellationToken.None)).ShouldBeNull();
        }

        await unitOfWork.CommitAsync(CancellationToken.None);

        await using (var reader = _store.NewScope())
        {
            (await Resolve(reader).Users.FindByIdAsync(user.Id, CancellationToken.None)).ShouldNotBeNull();
        }
    }

    [Test]
    public async Task A_unit_of_work_held_open_does_not_hold_up_a_write_to_another_row()
    {
        var held = User.Register("held", DisplayName.Parse("held"), Now);
        var other = User.Register("other", DisplayName.Parse("other"), Now);
        var renamed = User.Register("renamed", DisplayName.Parse("before"), Now);
        await using (var seed = _store.NewScope())
        {
            await Resolve(seed).Users.AddAsync(renamed, CancellationToken.None);
        }

        await using var slow = _store.NewScope();
        var (slowWork, slowUsers) = Resolve(slow);
        await slowWork.BeginAsync(CancellationToken.None);
        await slowUsers.AddAsync(held, CancellationToken.None);

        // The slow one stays open (uncommitted) while two others add and change other rows and commit.
        await RunInOneUnitOfWorkAsync(users => users.AddAsync(other, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));
        await RunInOneUnitOfWorkAsync(async users =>
        {
            var user = (await users.FindByIdAsync(renamed.Id, CancellationToken.None))!;
            user.Rename(DisplayName.Parse("after"));
            await users.UpdateAsync(user, CancellationToken.None);
        }).WaitAsync(TimeSpan.FromSeconds(30));

        await using (var reader = _store.NewScope())
        {
            var users = Resolve(reader).Users;
            (await users.FindByIdAsync(other.Id, CancellationToken.None)).ShouldNotBeNull();
            (await users.FindByIdAsync(renamed.Id, CancellationToken.None))!.DisplayName.Value.ShouldBe("after");
            (await users.FindByIdAsync(held.Id, CancellationToken.None)).ShouldBeNull("nothing uncommitted is visible");
        }

        await slowWork.CommitAsync(CancellationToken.None);
        await using var check = _store.NewScope();
        (await Resolve(check).Users.FindByIdAsync(held.Id, CancellationToken.None)).ShouldNotBeNull();
    }

    [Test]
    public async Task Of_two_units_of_work_taking_one_display_name_exactly_one_commits()
    {
        var first = User.Register("first", DisplayName.Parse("same"), Now);
        var second = User.Register("second", DisplayName.Parse("SAME"), Now);
        await using var scope = _store.NewScope();
        var (unitOfWork, users) = Resolve(scope);
        await unitOfWork.BeginAsync(CancellationToken.None);
        (await users.IsDisplayNameTakenAsync(first.DisplayName, CancellationToken.None)).ShouldBeFalse();
        await users.AddAsync(first, CancellationToken.None);

        var other = Task.Run(() => TryInOneUnitOfWorkAsync(users => users.AddAsync(second, CancellationToken.None)));
        if (!_store.WritersWaitForRowLocks)
        {
            // In memory the other is not held up by this open one, and commits first.
            (await other.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();
        }

        var firstWon = await StoreHarness.TryCommitAsync(unitOfWork);

        var secondWon = await other.WaitAsync(TimeSpan.FromSeconds(30));
        (firstWon ^ secondWon).ShouldBeTrue("exactly one of the two takes the name");
        await using var check = _store.NewScope();
        var reader = Resolve(check).Users;
        (await reader.FindByIdAsync(first.Id, CancellationToken.None) is not null).ShouldBe(firstWon);
        (await reader.FindByIdAsync(second.Id, CancellationToken.None) is not null).ShouldBe(secondWon);
    }

    private async Task RunInOneUnitOfWorkAsync(Func<IUserRepository, Task> work)
    {
        await using var scope = _store.NewScope();
        var (unitOfWork, users) = Resolve(scope);
        await unitOfWork.BeginAsync(CancellationToken.None);
        await work(users);
        await unitOfWork.CommitAsync(CancellationToken.None);
    }

    /// <summary>True when the unit of work committed; false when the store refused it (a taken key, or a conflict at commit).</summary>
    private async Task<bool> TryInOneUnitOfWorkAsync(Func<IUserRepository, Task> work)
    {
        try
        {
            await RunInOneUnitOfWorkAsync(work);
            return true;
        }
        catch (Exception refused) when (refused is DomainException or TransactionConflictException)
        {
            return false;
        }
    }

    private static (IUnitOfWork UnitOfWork, IUserRepository Users) Resolve(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<IUnitOfWork>(), scope.ServiceProvider.GetRequiredService<IUserRepository>());
}

[TestFixture]
public sealed class InMemoryUnitOfWorkTests : UnitOfWorkContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresUnitOfWorkTests : UnitOfWorkContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
