using Transcendence.Domain.Channels;

namespace Transcendence.Domain.UnitTests.Channels;

[TestFixture]
public sealed class InvitationTests : ChannelTestKit
{
    private Channel _private = null!;

    [SetUp]
    public void CreatePrivateChannel()
    {
        _private = NewChannel(Owner, ChannelVisibility.Private);
        _private.Invite(Owner, Member, Now);
        _private.Join(Member, null, Hasher, Now);
    }

    [Test]
    public void A_plain_member_invites_someone_to_a_private_channel()
    {
        var notice = _private.Invite(Member, Outsider, Now.AddMinutes(1));

        notice.ShouldBe(new ChannelNotice(ChannelNoticeCodes.Invited, _private.Id, Member.Id, Outsider.Id));
        _private.Invites.ShouldBe([new ChannelInvite(Outsider.Id, Member.Id, Now.AddMinutes(1))]);
    }

    [Test]
    public void Someone_outside_the_channel_cannot_invite()
    {
        ShouldBeRefused(() => _private.Invite(Outsider, Admin, Now), "channel.not_member");
    }

    [TestCase(ChannelVisibility.Public)]
    [TestCase(ChannelVisibility.Protected)]
    public void Only_private_channels_take_invitations(ChannelVisibility visibility)
    {
        var channel = NewChannel(Owner, visibility, visibility == ChannelVisibility.Protected ? "s3cret-pw" : null);

        ShouldBeRefused(() => channel.Invite(Owner, Outsider, Now), "channel.forbidden");
    }

    [Test]
    public void An_invitation_to_someone_the_inviter_blocks_is_refused()
    {
        Member.Block(Outsider);

        ShouldBeRefused(() => _private.Invite(Member, Outsider, Now), "user.blocked");
        _private.Invites.ShouldBeEmpty();
    }

    [Test]
    public void An_invitation_to_someone_who_blocks_the_inviter_is_refused()
    {
        Outsider.Block(Member);

        ShouldBeRefused(() => _private.Invite(Member, Outsider, Now), "user.blocked");
    }

    [Test]
    public void Inviting_a_member_or_someone_already_invited_changes_nothing()
    {
        _private.Invite(Owner, Outsider, Now);

        _private.Invite(Member, Outsider, Now.AddMinutes(1)).ShouldBeNull();
        _private.Invite(Owner, Member, Now).ShouldBeNull();

        _private.Invites.ShouldBe([new ChannelInvite(Outsider.Id, Owner.Id, Now)]);
    }

    [Test]
    public void Inviting_a_banned_user_is_refused()
    {
        _private.Ban(Owner, Outsider, null, Now);

        ShouldBeRefused(() => _private.Invite(Member, Outsider, Now), "channel.banned");
    }

    [Test]
    public void Inviting_a_user_whose_ban_has_ended_is_allowed()
    {
        _private.Ban(Owner, Outsider, Now.AddMinutes(1), Now);

        _private.Invite(Member, Outsider, Now.AddMinutes(2)).ShouldNotBeNull();
        _private.Join(Outsider, null, Hasher, Now.AddMinutes(3)).ShouldBeTrue();
    }
}
