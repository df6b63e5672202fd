using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;

namespace Transcendence.Domain.UnitTests.Channels;

[TestFixture]
public sealed class JoinAndLeaveTests : ChannelTestKit
{
    [Test]
    public void Anyone_joins_a_public_channel_as_a_plain_member()
    {
        Channel.Join(Outsider, null, Hasher, Now.AddMinutes(1)).ShouldBeTrue();

        Channel.MemberOf(Outsider.Id).ShouldBe(new ChannelMember(Outsider.Id, ChannelRole.Member, Now.AddMinutes(1)));
    }

    [Test]
    public void Joining_again_changes_nothing()
    {
        Channel.Join(Member, null, Hasher, Now.AddMinutes(1)).ShouldBeFalse();

        Channel.MemberOf(Member.Id)!.JoinedAt.ShouldBe(Now.AddSeconds(2));
    }

    [Test]
    public void A_protected_channel_is_joined_with_the_right_password()
    {
        var channel = NewChannel(Owner, ChannelVisibility.Protected, "s3cret-pw");

        channel.Join(Outsider, "s3cret-pw", Hasher, Now).ShouldBeTrue();

        channel.IsMember(Outsider.Id).ShouldBeTrue();
    }

    [TestCase("wrong")]
    [TestCase("S3CRET")]
    [TestCase(null)]
    public void A_protected_channel_refuses_a_wrong_or_missing_password(string? password)
    {
        var channel = NewChannel(Owner, ChannelVisibility.Protected, "s3cret-pw");

        ShouldBeRefused(() => channel.Join(Outsider, password, Hasher, Now), "channel.wrong_password");
        channel.IsMember(Outsider.Id).ShouldBeFalse();
    }

    [Test]
    public void A_password_longer_than_any_that_can_be_set_is_wrong_without_being_hashed()
    {
        var hasher = new CountingHasher();
        var channel = Channel.Create(Owner, "vault", ChannelVisibility.Protected, "s3cret-pw", hasher, Now);

        ShouldBeRefused(() => channel.Join(Outsider, new string('p', Channel.MaxPasswordLength + 1), hasher, Now), "channel.wrong_password");

        hasher.Verifications.ShouldBe(0);
    }

    [Test]
    public void A_public_channel_ignores_a_password_given_to_it()
    {
        Channel.Join(Outsider, "anything", Hasher, Now).ShouldBeTrue();
    }

    [Test]
    public void A_private_channel_refuses_a_user_without_an_invitation()
    {
        var channel = NewChannel(Owner, ChannelVisibility.Private);

        ShouldBeRefused(() => channel.Join(Outsider, null, Hasher, Now), "channel.forbidden");
    }

    [Test]
    public void A_private_channel_admits_an_invited_user_and_uses_the_invitation_up()
    {
        var channel = NewChannel(Owner, ChannelVisibility.Private);
        channel.Invite(Owner, Outsider, Now);

        channel.Join(Outsider, null, Hasher, Now).ShouldBeTrue();

        channel.IsMember(Outsider.Id).ShouldBeTrue();
        channel.Invites.ShouldBeEmpty();
        channel.Leave(Outsider);
        ShouldBeRefused(() => channel.Join(Outsider, null, Hasher, Now), "channel.forbidden");
    }

    [TestCase(ChannelVisibility.Public)]
    [TestCase(ChannelVisibility.Protected)]
    [TestCase(ChannelVisibility.Private)]
    public void A_banned_user_cannot_join_whatever_the_visibility(ChannelVisibility visibility)
    {
        var channel = NewChannel(Owner, visibility, visibility == ChannelVisibility.Protected ? "s3cret-pw" : null);
        if (visibility == ChannelVisibility.Private)
        {
            channel.Invite(Owner, Outsider, Now);
        }

        channel.Ban(Owner, Outsider, null, Now);

        ShouldBeRefused(() => channel.Join(Outsider, "s3cret-pw", Hasher, Now.AddYears(5)), "channel.banned");
    }

    [Test]
    public void A_ban_refusal_names_the_end_of_the_ban()
    {
        Channel.Ban(Admin, Outsider, Now.AddHours(1), Now);

        var refusal = Should.Throw<DomainException>(() => Channel.Join(Outsider, null, Hasher, Now.AddMinutes(59)));

        refusal.Code.ShouldBe("channel.banned");
        refusal.Message.ShouldContain("2026-11-24T11:00:00Z");
    }

    [Test]
    public void An_expired_ban_no_longer_keeps_a_user_out_and_is_removed_on_joining()
    {
        Channel.Ban(Admin, Member, Now.AddHours(1), Now);

        Channel.Join(Member, null, Hasher, Now.AddHours(1)).ShouldBeTrue();

        Channel.Bans.ShouldBeEmpty();
    }

    [Test]
    public void A_kicked_member_can_join_again()
    {
        Channel.Kick(Admin, Member);

        Channel.Join(Member, null, Hasher, Now.AddMinutes(1)).ShouldBeTrue();

        Channel.MemberOf(Member.Id)!.JoinedAt.ShouldBe(Now.AddMinutes(1));
    }

    [Test]
    public void A_member_leaving_keeps_the_channel_and_its_owner()
    {
        var outcome = Channel.Leave(Member);

        outcome.ShouldBe(new LeaveOutcome(ChannelDeleted: false, OwnerChanged: null));
        Channel.IsMember(Member.Id).ShouldBeFalse();
        Channel.Owner!.UserId.ShouldBe(Owner.Id);
    }

    [Test]
    public void Someone_who_is_not_a_member_cannot_leave()
    {
        ShouldBeRefused(() => Channel.Leave(Outsider), "channel.not_member");
    }

    [Test]
    public void The_owner_leaving_hands_ownership_to_the_longest_standing_admin()
    {
        var newerAdmin = NewUser("newer_admin");
        Channel.Join(newerAdmin, null, Hasher, Now.AddSeconds(10));
        Channel.GrantAdmin(Owner, newerAdmin);

        var outcome = Channel.Leave(Owner);

        outcome.ChannelDeleted.ShouldBeFalse();
        outcome.OwnerChanged.ShouldBe(new ChannelNotice(ChannelNoticeCodes.OwnerChanged, Channel.Id, Owner.Id, Admin.Id));
        Channel.Owner!.UserId.ShouldBe(Admin.Id);
        Channel.MemberOf(Admin.Id)!.JoinedAt.ShouldBe(Now.AddSeconds(1));
        Channel.MemberOf(newerAdmin.Id)!.Role.ShouldBe(ChannelRole.Admin);
    }

    [Test]
    public void The_owner_leaving_without_admins_hands_ownership_to_the_longest_standing_member()
    {
        Channel.RevokeAdmin(Owner, Admin);
        Channel.Leave(Admin);

        var outcome = Channel.Leave(Owner);

        outcome.OwnerChanged!.TargetId.ShouldBe(Member.Id);
        Channel.Owner!.UserId.ShouldBe(Member.Id);
        Channel.MemberOf(OtherMember.Id)!.Role.ShouldBe(ChannelRole.Member);
    }

    [Test]
    public void Members_who_joined_at_the_same_time_are_ranked_by_user_id()
    {
        var owner = NewUser("founder");
        var channel = NewChannel(owner);
        var first = NewUser("first");
        var second = NewUser("second");
        var joinedAt = Now.AddMinutes(1);
        channel.Join(second, null, Hasher, joinedAt);
        channel.Join(first, null, Hasher, joinedAt);
        var lower = UuidOrder.Instance.Compare(first.Id, second.Id) < 0 ? first : second;

        channel.Leave(owner).OwnerChanged!.TargetId.ShouldBe(lower.Id);
    }

    [Test]
    public void The_last_member_leaving_deletes_the_channel()
    {
        var channel = NewChannel(Owner);
        channel.Join(Member, null, Hasher, Now);
        channel.Leave(Member).ChannelDeleted.ShouldBeFalse();

        var outcome = channel.Leave(Owner);

        outcome.ShouldBe(new LeaveOutcome(ChannelDeleted: true, OwnerChanged: null));
        channel.Members.ShouldBeEmpty();
    }

    [Test]
    public void A_mute_outlasts_leaving_and_joining_again()
    {
        Channel.Mute(Admin, Member, Now.AddMinutes(10), Now);
        Channel.Leave(Member);
        Channel.Join(Member, null, Hasher, Now.AddMinutes(1));

        ShouldBeRefused(() => Channel.Post(Member, "I'm back", "c1", Now.AddMinutes(2)), "chat.muted");
    }

    [Test]
    public void Members_are_listed_by_seniority()
    {
        Channel.Members.Select(m => m.UserId).ShouldBe([Owner.Id, Admin.Id, Member.Id, OtherMember.Id]);
        Channel.Members.Select(m => m.Role).ShouldBe([ChannelRole.Owner, ChannelRole.Admin, ChannelRole.Member, ChannelRole.Member]);
    }

    private sealed class CountingHasher : IChannelPasswordHasher
    {
        public int Verifications { get; private set; }

        public string Hash(string password) => Hasher.Hash(password);

        public bool Verify(string hash, string password)
        {
            Verifications++;
            return Hasher.Verify(hash, password);
        }

        public bool NeedsRehash(string hash) => false;
    }
}
