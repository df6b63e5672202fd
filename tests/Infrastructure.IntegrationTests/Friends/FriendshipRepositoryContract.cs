using Microsoft.Extensions.DependencyInjection;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;
using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests.Friends;

/// <summary>What every <see cref="IFriendshipRepository"/> promises; run against both stores so they cannot drift.</summary>
public abstract class FriendshipRepositoryContract
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

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
    public async Task A_stored_request_reads_back_equal_from_either_side()
    {
        var request = Friendship.Befriend(_alice, _bob, null, Now);
        await With(f => f.AddAsync(request, CancellationToken.None));

        var fromAlice = await With(f => f.FindBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None));
        var fromBob = await With(f => f.FindBetweenAsync(_bob.Id, _alice.Id, CancellationToken.None));

        foreach (var found in new[] { fromAlice, fromBob })
        {
            found.ShouldNotBeNull();
            found.RequesterId.ShouldBe(_alice.Id);
            found.AddresseeId.ShouldBe(_bob.Id);
            found.State.ShouldBe(FriendshipState.Pending);
            found.RequestedAt.ShouldBe(request.RequestedAt);
            found.AcceptedAt.ShouldBeNull();
        }
    }

    [Test]
    public async Task Nothing_is_found_between_users_who_have_no_friendship()
    {
        await With(f => f.AddAsync(Friendship.Befriend(_alice, _bob, null, Now), CancellationToken.None));

        (await With(f => f.FindBetweenAsync(_alice.Id, _carol.Id, CancellationToken.None))).ShouldBeNull();
        (await With(f => f.ListOfAsync(_carol.Id, CancellationToken.None))).ShouldBeEmpty();
    }

    [Test]
    public async Task An_accepted_request_is_saved_with_its_time()
    {
        var request = Friendship.Befriend(_alice, _bob, null, Now);
        await With(f => f.AddAsync(request, CancellationToken.None));

        var stored = await With(f => f.FindBetweenAsync(_bob.Id, _alice.Id, CancellationToken.None));
        var accepted = Friendship.Befriend(_bob, _alice, stored, Now.AddMinutes(3));
        await With(f => f.UpdateAsync(accepted, CancellationToken.None));

        var found = await With(f => f.FindBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None));
        found!.State.ShouldBe(FriendshipState.Accepted);
        found.IsAccepted.ShouldBeTrue();
        found.AcceptedAt.ShouldBe(Instant.Normalize(Now.AddMinutes(3)));
        found.RequesterId.ShouldBe(_alice.Id);
    }

    [Test]
    public async Task A_second_friendship_between_the_same_two_is_refused_whichever_way_it_is_asked()
    {
        await With(f => f.AddAsync(Friendship.Befriend(_alice, _bob, null, Now), CancellationToken.None));

        var sameWay = await Should.ThrowAsync<DomainException>(() =>
            With(f => f.AddAsync(Friendship.Befriend(_alice, _bob, null, Now), CancellationToken.None)));
        var otherWay = await Should.ThrowAsync<DomainException>(() =>
            With(f => f.AddAsync(Friendship.Befriend(_bob, _alice, null, Now), CancellationToken.None)));

        sameWay.Code.ShouldBe("user.friendship_changed");
        otherWay.Code.ShouldBe("user.friendship_changed");
        otherWay.Kind.ShouldBe(ErrorKind.Conflict);
        var stored = await With(f => f.FindBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None));
        stored!.RequesterId.ShouldBe(_alice.Id);
    }

    [Test]
    public async Task Saving_a_friendship_that_was_removed_meanwhile_is_refused()
    {
        var request = Friendship.Befriend(_alice, _bob, null, Now);
        await With(f => f.AddAsync(request, CancellationToken.None));
        var stale = await With(f => f.FindBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None));
        await With(f => f.RemoveBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None));

        var accepted = Friendship.Befriend(_bob, _alice, stale, Now);
        var refused = await Should.ThrowAsync<DomainException>(() => With(f => f.UpdateAsync(accepted, CancellationToken.None)));

        refused.Code.ShouldBe("user.friendship_changed");
        (await With(f => f.FindBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task A_user_lists_every_friendship_they_are_part_of_on_either_side()
    {
        await With(f => f.AddAsync(Friendship.Befriend(_alice, _bob, null, Now), CancellationToken.None));
        await With(f => f.AddAsync(Friendship.Befriend(_carol, _alice, null, Now), CancellationToken.None));
        await With(f => f.AddAsync(Friendship.Befriend(_bob, _carol, null, Now), CancellationToken.None));

        var ofAlice = await With(f => f.ListOfAsync(_alice.Id, CancellationToken.None));

        ofAlice.Select(f => f.OtherThan(_alice.Id)).ShouldBe([_bob.Id, _carol.Id], ignoreOrder: true);
        ofAlice.Single(f => f.OtherThan(_alice.Id) == _carol.Id).RequesterId.ShouldBe(_carol.Id);
    }

    [Test]
    public async Task Removing_works_from_either_side_and_says_whether_there_was_anything()
    {
        await With(f => f.AddAsync(Friendship.Befriend(_alice, _bob, null, Now), CancellationToken.None));

        (await With(f => f.RemoveBetweenAsync(_bob.Id, _alice.Id, CancellationToken.None))).ShouldBeTrue();
        (await With(f => f.RemoveBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None))).ShouldBeFalse();
        (await With(f => f.FindBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task After_removal_the_pair_may_start_again()
    {
        await With(f => f.AddAsync(Friendship.Befriend(_alice, _bob, null, Now), CancellationToken.None));
        await With(f => f.RemoveBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None));

        await With(f => f.AddAsync(Friendship.Befriend(_bob, _alice, null, Now), CancellationToken.None));

        (await With(f => f.FindBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None)))!.RequesterId.ShouldBe(_bob.Id);
    }

    private async Task<T> With<T>(Func<IFriendshipRepository, Task<T>> work)
    {
        await using var scope = _store.NewScope();
        return await work(scope.ServiceProvider.GetRequiredService<IFriendshipRepository>());
    }

    [Test]
    public async Task Two_people_asking_each_other_at_the_same_moment_end_as_friends()
    {
        for (var round = 0; round < 20; round++)
        {
            await With(f => f.RemoveBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None));
            using var start = new Barrier(2);

            await Task.WhenAll(
                Task.Run(() => AskInOneUnitOfWorkAsync(_alice, _bob, start)),
                Task.Run(() => AskInOneUnitOfWorkAsync(_bob, _alice, start)));

            var found = await With(f => f.FindBetweenAsync(_alice.Id, _bob.Id, CancellationToken.None));
            found.ShouldNotBeNull();
            found.State.ShouldBe(FriendshipState.Accepted, $"round {round}");
        }
    }

    /// <summary>
    /// What the Befriend command does, in its own unit of work: read the pair, then ask or accept; run again,
    /// as the unit of work does, when the in-memory store refuses the commit because the other one changed
    /// the pair meanwhile.
    /// </summary>
    private async Task AskInOneUnitOfWorkAsync(User caller, User other, Barrier start)
    {
        start.SignalAndWait(TimeSpan.FromSeconds(10));
        while (true)
        {
            await using var scope = _store.NewScope();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            var friendships = scope.ServiceProvider.GetRequiredService<IFriendshipRepository>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            var existing = await friendships.FindBetweenAsync(caller.Id, other.Id, CancellationToken.None);
            var stateBefore = existing?.State;
            var friendship = Friendship.Befriend(caller, other, existing, Now);
            if (existing is null)
            {
                await friendships.AddAsync(friendship, CancellationToken.None);
            }
            else if (friendship.State != stateBefore)
            {
                await friendships.UpdateAsync(friendship, CancellationToken.None);
            }

            try
            {
                await unitOfWork.CommitAsync(CancellationToken.None);
                return;
            }
            catch (TransactionConflictException)
            {
            }
        }
    }

    private async Task With(Func<IFriendshipRepository, Task> work)
    {
        await using var scope = _store.NewScope();
        await work(scope.ServiceProvider.GetRequiredService<IFriendshipRepository>());
    }
}

[TestFixture]
public sealed class InMemoryFriendshipRepositoryTests : FriendshipRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresFriendshipRepositoryTests : FriendshipRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
