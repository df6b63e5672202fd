using Moq;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Friends.GetFriends;
using Transcendence.Domain.Users;

namespace Transcendence.Application.UnitTests.Friends;

public sealed class GetFriendsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_request_that_outlived_a_block_is_not_listed_on_either_side()
    {
        var alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        var bob = User.Register("bob", DisplayName.Parse("bob"), Now);
        var carol = User.Register("carol", DisplayName.Parse("carol"), Now);
        // Stored before the block landed: a request from bob, and a friendship with carol, who then blocked alice.
        var fromBob = Friendship.Befriend(bob, alice, null, Now);
        var withCarol = Friendship.Befriend(alice, carol, Friendship.Befriend(carol, alice, null, Now), Now);
        alice.Block(bob);
        carol.Block(alice);

        var users = new Mock<IUserRepository>();
        users.Setup(u => u.FindByIdAsync(alice.Id, It.IsAny<CancellationToken>())).ReturnsAsync(alice);
        users.Setup(u => u.FindByIdsAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>())).ReturnsAsync([bob, carol]);
        var friendships = new Mock<IFriendshipRepository>();
        friendships.Setup(f => f.ListOfAsync(alice.Id, It.IsAny<CancellationToken>())).ReturnsAsync([fromBob, withCarol]);
        var presence = Mock.Of<IPresenceLookup>(p => p.StatusOf(It.IsAny<Guid>()) == "offline");

        var list = await new GetFriendsHandler(users.Object, friendships.Object, presence).Handle(new GetFriends(alice.Id), CancellationToken.None);

        list.Friends.ShouldBeEmpty();
        list.Incoming.ShouldBeEmpty();
        list.Outgoing.ShouldBeEmpty();
    }

    [Test]
    public async Task Each_user_is_listed_under_the_state_of_their_friendship_with_the_status_the_presence_lookup_gives()
    {
        var alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        var bob = User.Register("bob", DisplayName.Parse("bob"), Now);
        var carol = User.Register("carol", DisplayName.Parse("carol"), Now);
        var dave = User.Register("dave", DisplayName.Parse("dave"), Now);
        var friendships = new Mock<IFriendshipRepository>();
        friendships.Setup(f => f.ListOfAsync(alice.Id, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Friendship.Befriend(bob, alice, null, Now),
            Friendship.Befriend(alice, carol, null, Now),
            Friendship.Befriend(alice, dave, Friendship.Befriend(dave, alice, null, Now), Now),
        ]);
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.FindByIdAsync(alice.Id, It.IsAny<CancellationToken>())).ReturnsAsync(alice);
        users.Setup(u => u.FindByIdsAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>())).ReturnsAsync([bob, carol, dave]);
        var presence = Mock.Of<IPresenceLookup>(p => p.StatusOf(dave.Id) == "in-game" && p.StatusOf(bob.Id) == "online" && p.StatusOf(carol.Id) == "offline");

        var list = await new GetFriendsHandler(users.Object, friendships.Object, presence).Handle(new GetFriends(alice.Id), CancellationToken.None);

        list.Friends.Select(u => (u.Id, u.Status)).ShouldBe([(dave.Id, "in-game")]);
        list.Incoming.Select(u => (u.Id, u.Status)).ShouldBe([(bob.Id, "online")]);
        list.Outgoing.Select(u => (u.Id, u.Status)).ShouldBe([(carol.Id, "offline")]);
    }
}
