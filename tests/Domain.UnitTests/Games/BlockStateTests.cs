using Transcendence.Domain.Common;
using Transcendence.Domain.Games;
using static Transcendence.Domain.UnitTests.Games.GamePeople;

namespace Transcendence.Domain.UnitTests.Games;

public sealed class BlockStateTests
{
    [Test]
    public void A_block_counts_whichever_side_made_it()
    {
        var me = NewUser("myself");
        var blocked = NewUser("blocked");
        var blocker = NewUser("blocker");
        var friend = NewUser("friend");
        me.Block(blocked);
        blocker.Block(me);

        var blocks = BlockState.Between(me, [blocked, blocker, friend]);

        blocks.UserId.ShouldBe(me.Id);
        blocks.Across(blocked.Id).ShouldBeTrue();
        blocks.Across(blocker.Id).ShouldBeTrue();
        blocks.Across(friend.Id).ShouldBeFalse();
        blocks.AllowsWith(friend.Id).ShouldBeTrue();
        blocks.AllowsWith(blocker.Id).ShouldBeFalse();
    }

    [Test]
    public void Loaded_with_everyone_it_knows_every_user_from_both_sides()
    {
        var me = NewUser("myself");
        var blocked = NewUser("blocked");
        var blocker = NewUser("blocker");
        var stranger = NewUser("stranger");
        me.Block(blocked);

        var blocks = BlockState.WithEveryone(me, [blocker.Id]);

        blocks.Across(blocked.Id).ShouldBeTrue();
        blocks.Across(blocker.Id).ShouldBeTrue();
        blocks.Across(stranger.Id).ShouldBeFalse();
        blocks.AllowsWith(stranger.Id).ShouldBeTrue();
    }

    [Test]
    public void Asking_about_someone_the_blocks_were_not_loaded_for_is_a_mistake_but_never_an_allowance()
    {
        var me = NewUser("myself");
        var stranger = NewUser("stranger");
        var blocks = BlockState.Between(me, []);

        Should.Throw<InvalidOperationException>(() => blocks.Across(stranger.Id));
        blocks.AllowsWith(stranger.Id).ShouldBeFalse();
    }

    [Test]
    public void Blocks_the_store_already_answered_must_be_among_the_users_checked()
    {
        var me = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();

        BlockState.Of(me, [other], [other]).Across(other).ShouldBeTrue();
        Should.Throw<ArgumentException>(() => BlockState.Of(me, [], [other]));
    }

    [Test]
    public void A_room_refuses_blocks_loaded_for_someone_else()
    {
        var host = NewUser("host");
        var guest = NewUser("guest");
        var room = Room.OpenQueue(PlayerRef.Of(host), GameMode.Classic, T0);

        Should.Throw<ArgumentException>(() => room.Join(PlayerRef.Of(guest), BlockState.Between(host, [guest])));
        room.Phase.ShouldBe(RoomPhase.Waiting);
    }

    [Test]
    public void A_room_asks_for_the_blocks_of_its_players_and_refuses_to_guess()
    {
        var host = NewUser("host");
        var guest = NewUser("guest");
        var watcher = NewUser("watcher");
        var room = Room.OpenQueue(PlayerRef.Of(host), GameMode.Classic, T0);
        room.Join(PlayerRef.Of(guest), BlockState.Between(guest, [host]));

        Should.Throw<InvalidOperationException>(() => room.Spectate(PlayerRef.Of(watcher), BlockState.Between(watcher, [host])));
        room.Spectators.ShouldBeEmpty();
    }

    [Test]
    public void The_queue_passes_over_a_room_whose_host_the_blocks_were_not_loaded_for()
    {
        var host = NewUser("host");
        var guest = NewUser("guest");
        var room = Room.OpenQueue(PlayerRef.Of(host), GameMode.Classic, T0);

        room.CanBeJoinedBy(guest.Id, BlockState.Between(guest, [])).ShouldBeFalse();
        room.CanBeJoinedBy(guest.Id, BlockState.Between(guest, [host])).ShouldBeTrue();
    }

    [Test]
    public void The_room_keeps_who_came_in_by_id_and_name()
    {
        var host = NewUser("host");

        var room = Room.OpenQueue(PlayerRef.Of(host), GameMode.Classic, T0);

        room.Host.ShouldBe(new PlayerRef(host.Id, "host"));
        Should.Throw<DomainException>(() => room.Join(PlayerRef.Of(host), BlockState.Between(host, [host]))).Code.ShouldBe("game.already_in_room");
    }
}
