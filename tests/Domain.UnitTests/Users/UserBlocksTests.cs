using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Users;

public sealed class UserBlocksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static User NewUser(string login) => User.Register(login, DisplayName.Parse(login), Now);

    [Test]
    public void A_new_user_blocks_nobody()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");

        alice.Blocks(bob).ShouldBeFalse();
        alice.IsBlockedBy(bob).ShouldBeFalse();
        alice.BlockedUserIds.ShouldBeEmpty();
    }

    [Test]
    public void Blocking_is_one_way()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");

        alice.Block(bob);

        alice.Blocks(bob).ShouldBeTrue();
        bob.IsBlockedBy(alice).ShouldBeTrue();
        bob.Blocks(alice).ShouldBeFalse();
        alice.IsBlockedBy(bob).ShouldBeFalse();
    }

    [Test]
    public void A_user_hides_their_presence_from_those_they_block_only()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        alice.Block(bob);

        alice.ShowsPresenceTo(bob.Id).ShouldBeFalse();
        bob.ShowsPresenceTo(alice.Id).ShouldBeTrue();
        alice.ShowsPresenceTo(alice.Id).ShouldBeTrue();

        alice.Unblock(bob);
        alice.ShowsPresenceTo(bob.Id).ShouldBeTrue();
    }

    [Test]
    public void Blocking_twice_is_the_same_as_once()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");

        alice.Block(bob);
        alice.Block(bob);

        alice.BlockedUserIds.ShouldBe([bob.Id]);
    }

    [Test]
    public void Blocking_yourself_is_refused_as_invalid()
    {
        var alice = NewUser("alice");

        var refused = Should.Throw<DomainException>(() => alice.Block(alice));

        refused.Code.ShouldBe("validation");
        refused.Kind.ShouldBe(ErrorKind.Invalid);
        alice.Blocks(alice).ShouldBeFalse();
    }

    [Test]
    public void Unblocking_lifts_the_block_and_unblocking_again_changes_nothing()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        alice.Block(bob);

        alice.Unblock(bob);
        alice.Unblock(bob);

        alice.Blocks(bob).ShouldBeFalse();
        alice.BlockedUserIds.ShouldBeEmpty();
    }

    [Test]
    public void Unblocking_yourself_changes_nothing()
    {
        var alice = NewUser("alice");

        Should.NotThrow(() => alice.Unblock(alice));
    }

    [Test]
    public void A_rehydrated_user_blocks_whom_the_store_says()
    {
        var bob = NewUser("bob");
        var carol = NewUser("carol");

        var alice = User.Rehydrate(Guid.NewGuid(), "alice", "alice", Now, [bob.Id]);

        alice.Blocks(bob).ShouldBeTrue();
        alice.Blocks(carol).ShouldBeFalse();
        alice.PendingBlockChanges().IsEmpty.ShouldBeTrue();
    }

    [Test]
    public void Pending_changes_are_the_blocks_made_and_lifted_since_loading_until_saved()
    {
        var bob = NewUser("bob");
        var carol = NewUser("carol");
        var dave = NewUser("dave");
        var alice = User.Rehydrate(Guid.NewGuid(), "alice", "alice", Now, [bob.Id, carol.Id]);

        alice.Unblock(bob);
        alice.Block(dave);
        alice.Block(carol);

        var changes = alice.PendingBlockChanges();
        changes.Added.ShouldBe([dave.Id]);
        changes.Lifted.ShouldBe([bob.Id]);

        alice.BlockChangesSaved();
        alice.PendingBlockChanges().IsEmpty.ShouldBeTrue();
    }

    [Test]
    public void Blocking_and_unblocking_before_saving_leaves_nothing_to_save()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");

        alice.Block(bob);
        alice.Unblock(bob);

        alice.PendingBlockChanges().IsEmpty.ShouldBeTrue();
    }
}
