using Transcendence.Domain.Channels;

namespace Transcendence.Domain.UnitTests.Channels;

[TestFixture]
public sealed class DirectChannelTests : ChannelTestKit
{
    [Test]
    public void Opening_a_direct_channel_makes_both_users_plain_members_of_a_nameless_private_channel()
    {
        var direct = Channel.OpenDirect(Member, OtherMember, Now);

        direct.Kind.ShouldBe(ChannelKind.Direct);
        direct.IsDirect.ShouldBeTrue();
        direct.Name.ShouldBeNull();
        direct.Visibility.ShouldBe(ChannelVisibility.Private);
        direct.Owner.ShouldBeNull();
        direct.Members.Select(m => m.Role).ShouldBe([ChannelRole.Member, ChannelRole.Member]);
        direct.Members.Select(m => m.UserId).ShouldBe([Member.Id, OtherMember.Id], ignoreOrder: true);
        direct.PeerOf(Member.Id).ShouldBe(OtherMember.Id);
        direct.PeerOf(OtherMember.Id).ShouldBe(Member.Id);
    }

    [Test]
    public void The_pair_key_is_the_same_whichever_user_opens_the_channel()
    {
        var one = Channel.OpenDirect(Member, OtherMember, Now);
        var other = Channel.OpenDirect(OtherMember, Member, Now);

        one.DirectKey.ShouldNotBeNull();
        one.DirectKey.ShouldBe(other.DirectKey);
        one.DirectKey.ShouldBe(DirectPairKey.For(OtherMember.Id, Member.Id));
        one.DirectKey.ShouldNotBe(DirectPairKey.For(Member.Id, Outsider.Id));
    }

    [Test]
    public void A_direct_channel_with_oneself_is_refused()
    {
        ShouldBeRefused(() => Channel.OpenDirect(Member, Member, Now), "validation");
    }

    [Test]
    public void A_direct_channel_is_refused_when_the_opener_blocks_the_other()
    {
        Member.Block(OtherMember);

        ShouldBeRefused(() => Channel.OpenDirect(Member, OtherMember, Now), "user.blocked");
    }

    [Test]
    public void A_direct_channel_is_refused_when_the_other_blocks_the_opener()
    {
        OtherMember.Block(Member);

        ShouldBeRefused(() => Channel.OpenDirect(Member, OtherMember, Now), "user.blocked");
    }

    [Test]
    public void Both_users_post_in_their_direct_channel_and_only_they_do()
    {
        var direct = Channel.OpenDirect(Member, OtherMember, Now);

        direct.Post(Member, "hi", "m1", Now, OtherMember).SenderId.ShouldBe(Member.Id);
        direct.Post(OtherMember, "hello", "o1", Now, Member).SenderId.ShouldBe(OtherMember.Id);
        ShouldBeRefused(() => direct.Post(Outsider, "psst", "x1", Now, Member), "channel.not_member");
    }

    [Test]
    public void Nobody_posts_across_a_block_in_a_direct_channel_opened_before_it()
    {
        var direct = Channel.OpenDirect(Member, OtherMember, Now);
        Member.Block(OtherMember);

        ShouldBeRefused(() => direct.Post(OtherMember, "still there?", "o1", Now, Member), "user.blocked");
        ShouldBeRefused(() => direct.Post(Member, "bye", "m1", Now, OtherMember), "user.blocked");

        Member.Unblock(OtherMember);
        direct.Post(OtherMember, "hello again", "o2", Now, Member).ShouldNotBeNull();
    }

    [Test]
    public void Nobody_joins_leaves_or_is_invited_to_a_direct_channel()
    {
        var direct = Channel.OpenDirect(Member, OtherMember, Now);

        ShouldBeRefused(() => direct.Join(Outsider, null, Hasher, Now), "channel.forbidden");
        ShouldBeRefused(() => direct.Leave(Member), "channel.forbidden");
        ShouldBeRefused(() => direct.Invite(Member, Outsider, Now), "channel.forbidden");
    }

    [Test]
    public void A_direct_channel_has_no_owner_admins_or_moderation()
    {
        var direct = Channel.OpenDirect(Member, OtherMember, Now);

        ShouldBeRefused(() => direct.Rename(Member, "ours"), "channel.forbidden");
        ShouldBeRefused(() => direct.ChangeAccess(Member, ChannelVisibility.Public, null, Hasher), "channel.forbidden");
        ShouldBeRefused(() => direct.GrantAdmin(Member, OtherMember), "channel.forbidden");
        ShouldBeRefused(() => direct.Kick(Member, OtherMember), "channel.forbidden");
        ShouldBeRefused(() => direct.Ban(Member, OtherMember, null, Now), "channel.forbidden");
        ShouldBeRefused(() => direct.Mute(Member, OtherMember, Now.AddMinutes(1), Now), "channel.forbidden");
        ShouldBeRefused(() => direct.Unmute(Member, OtherMember), "channel.forbidden");
        ShouldBeRefused(() => direct.Unban(Member, OtherMember), "channel.forbidden");
    }

    [Test]
    public void A_rehydrated_direct_channel_keeps_its_pair_key()
    {
        var direct = Channel.OpenDirect(Member, OtherMember, Now);

        var copy = Channel.Rehydrate(direct.Id, direct.Kind, direct.Name, direct.Visibility, direct.PasswordHash, direct.CreatedAt, direct.Members, [], [], []);

        copy.DirectKey.ShouldBe(direct.DirectKey);
    }
}
