using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Users;

public sealed class FriendshipTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private User _alice = null!;
    private User _bob = null!;
    private User _carol = null!;

    // NUnit runs every test on the same fixture instance: blocks made by one test must not leak into the next.
    [SetUp]
    public void NewUsers()
    {
        _alice = User.Register("alice", DisplayName.Parse("alice"), Now);
        _bob = User.Register("bob", DisplayName.Parse("bob"), Now);
        _carol = User.Register("carol", DisplayName.Parse("carol"), Now);
    }

    [Test]
    public void Befriending_with_nothing_between_the_two_sends_a_pending_request()
    {
        var friendship = Friendship.Befriend(_alice, _bob, null, Now);

        friendship.RequesterId.ShouldBe(_alice.Id);
        friendship.AddresseeId.ShouldBe(_bob.Id);
        friendship.State.ShouldBe(FriendshipState.Pending);
        friendship.IsAccepted.ShouldBeFalse();
        friendship.RequestedAt.ShouldBe(Now);
        friendship.AcceptedAt.ShouldBeNull();
    }

    [Test]
    public void Befriending_someone_whose_request_waits_accepts_it()
    {
        var request = Friendship.Befriend(_bob, _alice, null, Now);

        var friendship = Friendship.Befriend(_alice, _bob, request, Now.AddMinutes(5));

        friendship.ShouldBeSameAs(request);
        friendship.State.ShouldBe(FriendshipState.Accepted);
        friendship.RequesterId.ShouldBe(_bob.Id);
        friendship.AcceptedAt.ShouldBe(Now.AddMinutes(5));
    }

    [Test]
    public void Asking_again_while_ones_own_request_waits_changes_nothing()
    {
        var request = Friendship.Befriend(_alice, _bob, null, Now);

        var again = Friendship.Befriend(_alice, _bob, request, Now.AddMinutes(5));

        again.State.ShouldBe(FriendshipState.Pending);
        again.RequesterId.ShouldBe(_alice.Id);
        again.RequestedAt.ShouldBe(Now);
    }

    [Test]
    public void Befriending_a_friend_changes_nothing_on_either_side()
    {
        var friendship = Friendship.Befriend(_alice, _bob, Friendship.Befriend(_bob, _alice, null, Now), Now.AddMinutes(1));

        Friendship.Befriend(_alice, _bob, friendship, Now.AddMinutes(2)).AcceptedAt.ShouldBe(Now.AddMinutes(1));
        Friendship.Befriend(_bob, _alice, friendship, Now.AddMinutes(3)).AcceptedAt.ShouldBe(Now.AddMinutes(1));
        friendship.State.ShouldBe(FriendshipState.Accepted);
    }

    [Test]
    public void Befriending_yourself_is_refused_as_invalid()
    {
        var refused = Should.Throw<DomainException>(() => Friendship.Befriend(_alice, _alice, null, Now));

        refused.Code.ShouldBe("validation");
        refused.Kind.ShouldBe(ErrorKind.Invalid);
    }

    [Test]
    public void Befriending_someone_you_block_is_refused()
    {
        _alice.Block(_bob);

        var refused = Should.Throw<DomainException>(() => Friendship.Befriend(_alice, _bob, null, Now));

        refused.Code.ShouldBe("user.blocked");
        refused.Kind.ShouldBe(ErrorKind.Forbidden);
    }

    [Test]
    public void Befriending_someone_who_blocks_you_is_refused()
    {
        _bob.Block(_alice);

        var refused = Should.Throw<DomainException>(() => Friendship.Befriend(_alice, _bob, null, Now));

        refused.Code.ShouldBe("user.blocked");
    }

    [Test]
    public void Accepting_a_request_across_a_block_is_refused_and_leaves_it_pending()
    {
        var request = Friendship.Befriend(_bob, _alice, null, Now);
        _alice.Block(_bob);

        var refused = Should.Throw<DomainException>(() => Friendship.Befriend(_alice, _bob, request, Now));

        refused.Code.ShouldBe("user.blocked");
        request.State.ShouldBe(FriendshipState.Pending);
    }

    [Test]
    public void A_friendship_between_other_users_cannot_be_passed_off_as_theirs()
    {
        var others = Friendship.Befriend(_alice, _carol, null, Now);

        Should.Throw<ArgumentException>(() => Friendship.Befriend(_alice, _bob, others, Now));
    }

    [Test]
    public void Each_side_sees_the_other()
    {
        var friendship = Friendship.Befriend(_alice, _bob, null, Now);

        friendship.OtherThan(_alice.Id).ShouldBe(_bob.Id);
        friendship.OtherThan(_bob.Id).ShouldBe(_alice.Id);
        friendship.Involves(_carol.Id).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => friendship.OtherThan(_carol.Id));
    }

    [Test]
    public void Times_are_kept_in_utc_to_the_microsecond()
    {
        var local = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(7);

        var friendship = Friendship.Befriend(_alice, _bob, null, local);

        friendship.RequestedAt.ShouldBe(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        friendship.RequestedAt.Offset.ShouldBe(TimeSpan.Zero);
    }
}
