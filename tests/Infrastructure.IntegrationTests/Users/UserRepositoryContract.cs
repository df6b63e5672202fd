using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Users;

/// <summary>What every <see cref="IUserRepository"/> promises; run against both stores so they cannot drift.</summary>
public abstract class UserRepositoryContract
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

    private StoreHarness _store = null!;

    protected abstract StorageProvider Provider { get; }

    [SetUp]
    public async Task StartStore() => _store = await StoreHarness.StartAsync(Provider);

    [TearDown]
    public async Task StopStore() => await _store.DisposeAsync();

    [Test]
    public async Task A_stored_user_reads_back_equal_by_id_and_by_login()
    {
        var user = User.Register("jdoe", DisplayName.Parse("John_Doe"), Now);
        await WithRepository(users => users.AddAsync(user, CancellationToken.None));

        var byId = await WithRepository(users => users.FindByIdAsync(user.Id, CancellationToken.None));
        var byLogin = await WithRepository(users => users.FindByLoginAsync("jdoe", CancellationToken.None));

        foreach (var found in new[] { byId, byLogin })
        {
            found.ShouldNotBeNull();
            found.Id.ShouldBe(user.Id);
            found.Login.ShouldBe("jdoe");
            found.DisplayName.Value.ShouldBe("John_Doe");
            found.CreatedAt.ShouldBe(user.CreatedAt);
        }
    }

    [Test]
    public async Task Unknown_ids_and_logins_find_nothing()
    {
        (await WithRepository(users => users.FindByIdAsync(Guid.NewGuid(), CancellationToken.None))).ShouldBeNull();
        (await WithRepository(users => users.FindByLoginAsync("nobody", CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task Display_names_are_taken_without_regard_to_case()
    {
        await WithRepository(users => users.AddAsync(User.Register("a", DisplayName.Parse("Alice"), Now), CancellationToken.None));

        (await WithRepository(users => users.IsDisplayNameTakenAsync(DisplayName.Parse("aLiCe"), CancellationToken.None))).ShouldBeTrue();
        (await WithRepository(users => users.IsDisplayNameTakenAsync(DisplayName.Parse("Alicia"), CancellationToken.None))).ShouldBeFalse();
    }

    [Test]
    public async Task Adding_a_user_whose_name_differs_only_in_case_is_refused_and_stores_nothing()
    {
        await WithRepository(users => users.AddAsync(User.Register("a", DisplayName.Parse("Alice"), Now), CancellationToken.None));
        var copycat = User.Register("b", DisplayName.Parse("ALICE"), Now);

        var refused = await Should.ThrowAsync<DomainException>(() => WithRepository(users => users.AddAsync(copycat, CancellationToken.None)));

        refused.Code.ShouldBe("user.name_taken");
        (await WithRepository(users => users.FindByIdAsync(copycat.Id, CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task Adding_a_second_user_with_the_same_login_is_refused()
    {
        await WithRepository(users => users.AddAsync(User.Register("same", DisplayName.Parse("first"), Now), CancellationToken.None));

        var refused = await Should.ThrowAsync<DomainException>(() =>
            WithRepository(users => users.AddAsync(User.Register("same", DisplayName.Parse("second"), Now), CancellationToken.None)));

        refused.Code.ShouldBe("user.login_taken");
    }

    [Test]
    public async Task Renaming_frees_the_old_name_and_takes_the_new_one()
    {
        var user = User.Register("a", DisplayName.Parse("Alice"), Now);
        await WithRepository(users => users.AddAsync(user, CancellationToken.None));

        user.Rename(DisplayName.Parse("Alicia"));
        await WithRepository(users => users.UpdateAsync(user, CancellationToken.None));

        (await WithRepository(users => users.IsDisplayNameTakenAsync(DisplayName.Parse("alice"), CancellationToken.None))).ShouldBeFalse();
        (await WithRepository(users => users.FindByIdAsync(user.Id, CancellationToken.None)))!.DisplayName.Value.ShouldBe("Alicia");
    }

    [Test]
    public async Task Renaming_to_a_name_someone_else_holds_is_refused_and_keeps_the_old_name()
    {
        var alice = User.Register("a", DisplayName.Parse("Alice"), Now);
        var bob = User.Register("b", DisplayName.Parse("Bob"), Now);
        await WithRepository(users => users.AddAsync(alice, CancellationToken.None));
        await WithRepository(users => users.AddAsync(bob, CancellationToken.None));

        bob.Rename(DisplayName.Parse("alice"));
        var refused = await Should.ThrowAsync<DomainException>(() => WithRepository(users => users.UpdateAsync(bob, CancellationToken.None)));

        refused.Code.ShouldBe("user.name_taken");
        (await WithRepository(users => users.FindByIdAsync(bob.Id, CancellationToken.None)))!.DisplayName.Value.ShouldBe("Bob");
    }

    [Test]
    public async Task Search_matches_login_or_display_name_in_any_case_ordered_by_display_name_and_limited()
    {
        foreach (var (login, name) in new[] { ("zed", "Zorro"), ("mike", "zander"), ("paul", "Anna_Z"), ("kim", "Kim") })
        {
            await WithRepository(users => users.AddAsync(User.Register(login, DisplayName.Parse(name), Now), CancellationToken.None));
        }

        var found = await WithRepository(users => users.SearchAsync("z", 10, CancellationToken.None));
        found.Select(u => u.DisplayName.Value).ShouldBe(["Anna_Z", "zander", "Zorro"]);

        var byLogin = await WithRepository(users => users.SearchAsync("MIK", 10, CancellationToken.None));
        byLogin.Select(u => u.Login).ShouldBe(["mike"]);

        var limited = await WithRepository(users => users.SearchAsync(string.Empty, 2, CancellationToken.None));
        limited.Select(u => u.DisplayName.Value).ShouldBe(["Anna_Z", "Kim"]);
    }

    [Test]
    public async Task Search_text_is_matched_literally_not_as_a_pattern()
    {
        await WithRepository(users => users.AddAsync(User.Register("under", DisplayName.Parse("a_b"), Now), CancellationToken.None));
        await WithRepository(users => users.AddAsync(User.Register("other", DisplayName.Parse("axb"), Now), CancellationToken.None));

        var found = await WithRepository(users => users.SearchAsync("_", 10, CancellationToken.None));

        found.Select(u => u.DisplayName.Value).ShouldBe(["a_b"]);
    }

    [Test]
    public async Task Finding_by_ids_returns_those_that_exist_ordered_by_display_name()
    {
        var zed = User.Register("zed", DisplayName.Parse("Zed"), Now);
        var anna = User.Register("anna", DisplayName.Parse("anna"), Now);
        var kim = User.Register("kim", DisplayName.Parse("Kim"), Now);
        foreach (var user in new[] { zed, anna, kim })
        {
            await WithRepository(users => users.AddAsync(user, CancellationToken.None));
        }

        var found = await WithRepository(users => users.FindByIdsAsync([zed.Id, Guid.NewGuid(), anna.Id, zed.Id], CancellationToken.None));

        found.Select(u => u.DisplayName.Value).ShouldBe(["anna", "Zed"]);
        (await WithRepository(users => users.FindByIdsAsync([], CancellationToken.None))).ShouldBeEmpty();
    }

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
public sealed class InMemoryUserRepositoryTests : UserRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresUserRepositoryTests : UserRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
