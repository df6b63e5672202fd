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
    public async Task A_provider_account_is_found_by_its_provider_id_and_not_as_a_dev_login()
    {
        var user = User.RegisterExternal("42", "4242", "marvin", DisplayName.Parse("marvin"), Now);
        await WithRepository(users => users.AddAsync(user, CancellationToken.None));

        var found = await WithRepository(users => users.FindByProviderUserIdAsync("42", "4242", CancellationToken.None));

        found.ShouldNotBeNull();
        found.Id.ShouldBe(user.Id);
        found.Provider.ShouldBe("42");
        found.ProviderUserId.ShouldBe("4242");
        found.Login.ShouldBe("marvin");
        (await WithRepository(users => users.FindByProviderUserIdAsync("other", "4242", CancellationToken.None))).ShouldBeNull();
        (await WithRepository(users => users.FindByLoginAsync("marvin", CancellationToken.None))).ShouldBeNull();
        (await WithRepository(users => users.FindUnlinkedByLoginAsync("42", "marvin", CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task One_login_may_name_a_dev_login_account_a_linked_account_and_one_unlinked_account()
    {
        var dev = User.Register("marvin", DisplayName.Parse("dev_marvin"), Now);
        var linked = User.RegisterExternal("42", "4242", "marvin", DisplayName.Parse("marvin"), Now);
        var recycled = User.RegisterExternal("42", "9999", "marvin", DisplayName.Parse("marvin2"), Now);
        var legacy = User.Rehydrate(Guid.CreateVersion7(), "marvin", "marvin3", Now, provider: "42");
        foreach (var user in new[] { dev, linked, recycled, legacy })
        {
            await WithRepository(users => users.AddAsync(user, CancellationToken.None));
        }

        (await WithRepository(users => users.FindByLoginAsync("marvin", CancellationToken.None)))!.Id.ShouldBe(dev.Id);
        (await WithRepository(users => users.FindUnlinkedByLoginAsync("42", "marvin", CancellationToken.None)))!.Id.ShouldBe(legacy.Id);
        (await WithRepository(users => users.FindByProviderUserIdAsync("42", "9999", CancellationToken.None)))!.Id.ShouldBe(recycled.Id);
    }

    [Test]
    public async Task A_second_account_for_one_provider_id_or_one_unlinked_login_is_refused()
    {
        await WithRepository(users => users.AddAsync(User.RegisterExternal("42", "4242", "marvin", DisplayName.Parse("first"), Now), CancellationToken.None));
        await WithRepository(users => users.AddAsync(User.Rehydrate(Guid.CreateVersion7(), "zaphod", "second", Now, provider: "42"), CancellationToken.None));

        var sameId = await Should.ThrowAsync<DomainException>(() => WithRepository(users =>
            users.AddAsync(User.RegisterExternal("42", "4242", "other", DisplayName.Parse("third"), Now), CancellationToken.None)));
        var sameUnlinkedLogin = await Should.ThrowAsync<DomainException>(() => WithRepository(users =>
            users.AddAsync(User.Rehydrate(Guid.CreateVersion7(), "zaphod", "fourth", Now, provider: "42"), CancellationToken.None)));

        sameId.Code.ShouldBe("user.login_taken");
        sameUnlinkedLogin.Code.ShouldBe("user.login_taken");
        (await WithRepository(users => users.IsDisplayNameTakenAsync(DisplayName.Parse("third"), CancellationToken.None))).ShouldBeFalse();
    }

    [Test]
    public async Task Linking_an_account_and_following_a_renamed_login_are_saved()
    {
        var legacy = User.Rehydrate(Guid.CreateVersion7(), "marvin", "marvin", Now, provider: "42");
        await WithRepository(users => users.AddAsync(legacy, CancellationToken.None));

        legacy.ConfirmExternal("42", "4242", "marvin");
        await WithRepository(users => users.UpdateAsync(legacy, CancellationToken.None));
        legacy.ConfirmExternal("42", "4242", "marvin-renamed");
        await WithRepository(users => users.UpdateAsync(legacy, CancellationToken.None));

        var found = await WithRepository(users => users.FindByProviderUserIdAsync("42", "4242", CancellationToken.None));
        found!.Id.ShouldBe(legacy.Id);
        found.Login.ShouldBe("marvin-renamed");
        (await WithRepository(users => users.FindUnlinkedByLoginAsync("42", "marvin", CancellationToken.None))).ShouldBeNull();
        var newLegacy = User.Rehydrate(Guid.CreateVersion7(), "marvin", "other", Now, provider: "42");
        await WithRepository(users => users.AddAsync(newLegacy, CancellationToken.None));
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
