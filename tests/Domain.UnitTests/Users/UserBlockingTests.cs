using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Users;

[TestFixture]
public sealed class UserBlockingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void Blocking_is_one_way_until_the_other_blocks_too()
    {
        var alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        var bob = User.Register("bob", DisplayName.Parse("bob"), Now);

        alice.Block(bob);

        alice.Blocks(bob).ShouldBeTrue();
        bob.IsBlockedBy(alice).ShouldBeTrue();
        bob.Blocks(alice).ShouldBeFalse();
        alice.IsBlockedBy(bob).ShouldBeFalse();
    }

    [Test]
    public void Unblocking_lifts_the_block()
    {
        var alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        var bob = User.Register("bob", DisplayName.Parse("bob"), Now);
        alice.Block(bob);

        alice.Unblock(bob);

        alice.Blocks(bob).ShouldBeFalse();
    }

    [Test]
    public void Blocking_oneself_is_refused()
    {
        var alice = User.Register("alice", DisplayName.Parse("alice"), Now);

        Should.Throw<DomainException>(() => alice.Block(alice)).Code.ShouldBe("validation");
    }

    [Test]
    public void A_rehydrated_user_keeps_whom_they_block()
    {
        var bob = User.Register("bob", DisplayName.Parse("bob"), Now);

        var alice = User.Rehydrate(Guid.NewGuid(), "alice", "alice", Now, [bob.Id]);

        alice.Blocks(bob).ShouldBeTrue();
    }
}
