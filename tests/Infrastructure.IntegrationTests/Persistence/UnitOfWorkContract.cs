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
