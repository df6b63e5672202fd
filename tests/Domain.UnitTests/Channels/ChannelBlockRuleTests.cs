using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Channels;

public sealed class ChannelBlockRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void Two_users_may_talk_one_to_one_when_neither_blocks_the_other()
    {
        var alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        var bob = User.Register("bob", DisplayName.Parse("bob"), Now);

        Should.NotThrow(() => Channel.EnsureNoBlockBetween(alice, bob));
    }

    [Test]
    public void A_block_in_either_direction_refuses_with_user_blocked()
    {
        var alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        var bob = User.Register("bob", DisplayName.Parse("bob"), Now);
        bob.Block(alice);

        Should.Throw<DomainException>(() => Channel.EnsureNoBlockBetween(alice, bob)).Code.ShouldBe("user.blocked");
        Should.Throw<DomainException>(() => Channel.EnsureNoBlockBetween(bob, alice)).Code.ShouldBe("user.blocked");
    }
}
