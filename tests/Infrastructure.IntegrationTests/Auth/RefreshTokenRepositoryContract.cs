using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Auth;

/// <summary>What every <see cref="IRefreshTokenRepository"/> promises; run against both stores.</summary>
public abstract class RefreshTokenRepositoryContract : AuthStoreFixture
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    [Test]
    public async Task A_stored_login_and_its_token_read_back_equal()
    {
        var user = await AddUserAsync("jdoe");
        var (family, first) = RefreshTokenFamily.Start(user.Id, "hash-1", Now, Lifetime);
        await AddAsync(family, first);

        var foundFamily = await With<IRefreshTokenRepository, RefreshTokenFamily?>(repo => repo.FindFamilyAsync(family.Id, CancellationToken.None));
        var foundToken = await With<IRefreshTokenRepository, RefreshToken?>(repo => repo.FindTokenAsync("hash-1", CancellationToken.None));

        foundFamily.ShouldNotBeNull();
        foundFamily.UserId.ShouldBe(user.Id);
        foundFamily.CreatedAt.ShouldBe(family.CreatedAt);
        foundFamily.RevokedAt.ShouldBeNull();
        foundToken.ShouldNotBeNull();
        foundToken.FamilyId.ShouldBe(family.Id);
        foundToken.IssuedAt.ShouldBe(first.IssuedAt);
        foundToken.ExpiresAt.ShouldBe(first.ExpiresAt);
        foundToken.UsedAt.ShouldBeNull();
    }

    [Test]
    public async Task Unknown_hashes_and_logins_find_nothing()
    {
        (await With<IRefreshTokenRepository, RefreshToken?>(repo => repo.FindTokenAsync("nope", CancellationToken.None))).ShouldBeNull();
        (await With<IRefreshTokenRepository, RefreshTokenFamily?>(repo => repo.FindFamilyAsync(Guid.NewGuid(), CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task A_rotation_and_a_revocation_are_saved()
    {
        var user = await AddUserAsync("jdoe");
        var (family, first) = RefreshTokenFamily.Start(user.Id, "hash-1", Now, Lifetime);
        await AddAsync(family, first);
        var later = Now.AddMinutes(15);

        var next = family.Rotate(first, "hash-2", later, Lifetime);
        await With<IRefreshTokenRepository>(async repo =>
        {
            await repo.UpdateTokenAsync(first, CancellationToken.None);
            await repo.AddTokenAsync(next, CancellationToken.None);
        });
        family.Revoke(later.AddMinutes(1));
        await With<IRefreshTokenRepository>(repo => repo.UpdateFamilyAsync(family, CancellationToken.None));

        (await With<IRefreshTokenRepository, RefreshToken?>(repo => repo.FindTokenAsync("hash-1", CancellationToken.None)))!.UsedAt.ShouldBe(first.UsedAt);
        (await With<IRefreshTokenRepository, RefreshToken?>(repo => repo.FindTokenAsync("hash-2", CancellationToken.None)))!.ExpiresAt.ShouldBe(next.ExpiresAt);
        (await With<IRefreshTokenRepository, RefreshTokenFamily?>(repo => repo.FindFamilyAsync(family.Id, CancellationToken.None)))!.RevokedAt.ShouldBe(family.RevokedAt);
    }

    [Test]
    public async Task A_token_of_a_login_that_is_not_stored_is_refused()
    {
        var user = await AddUserAsync("jdoe");
        var (_, orphan) = RefreshTokenFamily.Start(user.Id, "hash-1", Now, Lifetime);

        await Should.ThrowAsync<Exception>(() => With<IRefreshTokenRepository>(repo => repo.AddTokenAsync(orphan, CancellationToken.None)));
    }

    [Test]
    public async Task A_token_found_in_a_unit_of_work_makes_a_concurrent_one_wait_and_then_see_it_used()
    {
        var family = await AddLoginAsync();
        await using var scope = Store.NewScope();
        var (unitOfWork, repo, presented) = await FindInUnitOfWorkAsync(scope);

        var concurrent = Task.Run(async () =>
        {
            await using var other = Store.NewScope();
            var otherUnit = other.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await otherUnit.BeginAsync(CancellationToken.None);
            var seen = await other.ServiceProvider.GetRequiredService<IRefreshTokenRepository>().FindTokenAsync("hash-1", CancellationToken.None);
            await otherUnit.RollbackAsync(CancellationToken.None);
            return seen;
        });
        if (Store.WritersWaitForRowLocks)
        {
            await Task.Delay(300);
            concurrent.IsCompleted.ShouldBeFalse("the second unit of work waits for the first");
        }
        else
        {
            // Not held up: it reads the token as committed, unused, and writes nothing, which is as if it
            // had run before the first. Had it used the token, one of the two commits would be refused
            // (see the next test).
            (await concurrent.WaitAsync(TimeSpan.FromSeconds(10)))!.IsUsed.ShouldBeFalse();
        }

        var next = family.Rotate(presented, "hash-2", Now.AddMinutes(1), Lifetime);
        await repo.UpdateTokenAsync(presented, CancellationToken.None);
        await repo.AddTokenAsync(next, CancellationToken.None);
        await unitOfWork.CommitAsync(CancellationToken.None);

        if (!Store.WritersWaitForRowLocks)
        {
            concurrent = With<IRefreshTokenRepository, RefreshToken?>(r => r.FindTokenAsync("hash-1", CancellationToken.None));
        }

        (await concurrent.WaitAsync(TimeSpan.FromSeconds(10)))!.IsUsed.ShouldBeTrue();
    }

    [Test]
    public async Task Of_two_units_of_work_that_found_a_token_unused_only_one_uses_it()
    {
        var family = await AddLoginAsync();
        await using var scope = Store.NewScope();
        var (unitOfWork, repo, presented) = await FindInUnitOfWorkAsync(scope);

        var other = Task.Run(() => RotateInOneUnitOfWorkAsync("hash-3"));
        if (!Store.WritersWaitForRowLocks)
        {
            (await other.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the other refresh is not held up, and finds the token unused");
        }

        var next = (await repo.FindFamilyAsync(family.Id, CancellationToken.None))!.Rotate(presented, "hash-2", Now.AddMinutes(1), Lifetime);
        await repo.UpdateTokenAsync(presented, CancellationToken.None);
        await repo.AddTokenAsync(next, CancellationToken.None);
        var firstWon = await StoreHarness.TryCommitAsync(unitOfWork);

        var otherWon = await other.WaitAsync(TimeSpan.FromSeconds(10));
        (firstWon ^ otherWon).ShouldBeTrue("exactly one of the two refreshes uses the token");
        var hash = firstWon ? "hash-2" : "hash-3";
        (await With<IRefreshTokenRepository, RefreshToken?>(r => r.FindTokenAsync(hash, CancellationToken.None))).ShouldNotBeNull();
        (await With<IRefreshTokenRepository, RefreshToken?>(r => r.FindTokenAsync(firstWon ? "hash-3" : "hash-2", CancellationToken.None))).ShouldBeNull();
    }

    /// <summary>A refresh in its own unit of work; false when the token was already used (a conflict there means the same).</summary>
    private async Task<bool> RotateInOneUnitOfWorkAsync(string newHash)
    {
        await using var scope = Store.NewScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var repo = scope.ServiceProvider.GetRequiredService<IRefreshTokenRepository>();
        await unitOfWork.BeginAsync(CancellationToken.None);
        var token = (await repo.FindTokenAsync("hash-1", CancellationToken.None))!;
        if (token.IsUsed)
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            return false;
        }

        var family = (await repo.FindFamilyAsync(token.FamilyId, CancellationToken.None))!;
        var next = family.Rotate(token, newHash, Now.AddMinutes(1), Lifetime);
        await repo.UpdateTokenAsync(token, CancellationToken.None);
        await repo.AddTokenAsync(next, CancellationToken.None);
        return await StoreHarness.TryCommitAsync(unitOfWork);
    }

    /// <summary>A user with one login whose first token is <c>hash-1</c>.</summary>
    private async Task<RefreshTokenFamily> AddLoginAsync()
    {
        var user = await AddUserAsync("jdoe");
        var (family, first) = RefreshTokenFamily.Start(user.Id, "hash-1", Now, Lifetime);
        await AddAsync(family, first);
        return family;
    }

    /// <summary>Opens a unit of work in <paramref name="scope"/> and finds <c>hash-1</c> in it.</summary>
    private static async Task<(IUnitOfWork UnitOfWork, IRefreshTokenRepository Repo, RefreshToken Presented)> FindInUnitOfWorkAsync(AsyncServiceScope scope)
    {
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var repo = scope.ServiceProvider.GetRequiredService<IRefreshTokenRepository>();
        await unitOfWork.BeginAsync(CancellationToken.None);
        return (unitOfWork, repo, (await repo.FindTokenAsync("hash-1", CancellationToken.None))!);
    }

    private Task AddAsync(RefreshTokenFamily family, RefreshToken token) =>
        With<IRefreshTokenRepository>(async repo =>
        {
            await repo.AddFamilyAsync(family, CancellationToken.None);
            await repo.AddTokenAsync(token, CancellationToken.None);
        });
}

[TestFixture]
public sealed class InMemoryRefreshTokenRepositoryTests : RefreshTokenRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresRefreshTokenRepositoryTests : RefreshTokenRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
