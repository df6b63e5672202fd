using Transcendence.Domain.Channels;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Channels;

[TestFixture]
public sealed class ModerationTests : ChannelTestKit
{
    /// <summary>Every moderation action, so each rule about who moderates whom is checked for all of them.</summary>
    public static IEnumerable<TestCaseData> Actions()
    {
        yield return Case("kick", (c, by, target) => c.Kick(by, target));
        yield return Case("ban", (c, by, target) => c.Ban(by, target, null, Now));
        yield return Case("unban", (c, by, target) => c.Unban(by, target));
        yield return Case("mute", (c, by, target) => c.Mute(by, target, Now.AddMinutes(5), Now));
        yield return Case("unmute", (c, by, target) => c.Unmute(by, target));

        static TestCaseData Case(string name, Func<Channel, User, User, ChannelNotice?> act) =>
            new TestCaseData(act).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Actions))]
    public void Plain_members_cannot_moderate(Func<Channel, User, User, ChannelNotice?> act)
    {
        ShouldBeRefused(() => act(Channel, Member, OtherMember), "channel.forbidden");
    }

    [TestCaseSource(nameof(Actions))]
    public void Someone_outside_the_channel_cannot_moderate(Func<Channel, User, User, ChannelNotice?> act)
    {
        ShouldBeRefused(() => act(Channel, Outsider, Member), "channel.not_member");
    }

    [TestCaseSource(nameof(Actions))]
    public void Nobody_acts_on_the_owner(Func<Channel, User, User, ChannelNotice?> act)
    {
        ShouldBeRefused(() => act(Channel, Admin, Owner), "channel.owner_protected");
        ShouldBeRefused(() => act(Channel, Owner, Owner), "channel.owner_protected");
        Channel.Owner!.UserId.ShouldBe(Owner.Id);
    }

    [TestCaseSource(nameof(Actions))]
    public void An_admin_cannot_act_on_another_admin(Func<Channel, User, User, ChannelNotice?> act)
    {
        var otherAdmin = NewUser("other_admin");
        Channel.Join(otherAdmin, null, Hasher, Now);
        Channel.GrantAdmin(Owner, otherAdmin);

        ShouldBeRefused(() => act(Channel, Admin, otherAdmin), "channel.forbidden");
        Channel.MemberOf(otherAdmin.Id)!.Role.ShouldBe(ChannelRole.Admin);
    }

    [TestCaseSource(nameof(Actions))]
    public void An_admin_cannot_act_on_themselves(Func<Channel, User, User, ChannelNotice?> act)
    {
        ShouldBeRefused(() => act(Channel, Admin, Admin), "channel.forbidden");
    }

    [Test]
    public void An_admin_kicks_a_member()
    {
        var notice = Channel.Kick(Admin, Member);

        notice.ShouldBe(new ChannelNotice(ChannelNoticeCodes.Kicked, Channel.Id, Admin.Id, Member.Id));
        Channel.IsMember(Member.Id).ShouldBeFalse();
        Channel.Bans.ShouldBeEmpty();
    }

    [Test]
    public void The_owner_kicks_an_admin()
    {
        Channel.Kick(Owner, Admin).Code.ShouldBe(ChannelNoticeCodes.Kicked);

        Channel.IsMember(Admin.Id).ShouldBeFalse();
    }

    [Test]
    public void Kicking_someone_who_is_not_a_member_is_refused()
    {
        ShouldBeRefused(() => Channel.Kick(Admin, Outsider), "channel.not_member");
    }

    [Test]
    public void A_ban_removes_the_member_and_keeps_them_out_until_it_ends()
    {
        var until = Now.AddHours(1);

        var notice = Channel.Ban(Admin, Member, until, Now);

        notice.ShouldBe(new ChannelNotice(ChannelNoticeCodes.Banned, Channel.Id, Admin.Id, Member.Id, until));
        Channel.IsMember(Member.Id).ShouldBeFalse();
        Channel.Bans.ShouldBe([new ChannelBan(Member.Id, Admin.Id, Now, until)]);
        Channel.ActiveBanOf(Member.Id, Now.AddMinutes(59)).ShouldNotBeNull();
        Channel.ActiveBanOf(Member.Id, until).ShouldBeNull();
    }

    [Test]
    public void A_ban_without_end_keeps_the_user_out_for_good()
    {
        Channel.Ban(Owner, Admin, null, Now).Until.ShouldBeNull();

        Channel.ActiveBanOf(Admin.Id, Now.AddYears(100)).ShouldNotBeNull();
        ShouldBeRefused(() => Channel.Join(Admin, null, Hasher, Now.AddYears(100)), "channel.banned");
    }

    [Test]
    public void A_ban_also_withdraws_a_pending_invitation()
    {
        var channel = NewChannel(Owner, ChannelVisibility.Private);
        channel.Invite(Owner, Outsider, Now);

        channel.Ban(Owner, Outsider, null, Now);

        channel.Invites.ShouldBeEmpty();
    }

    [Test]
    public void Someone_outside_the_channel_can_be_banned_ahead()
    {
        Channel.Ban(Admin, Outsider, null, Now);

        ShouldBeRefused(() => Channel.Join(Outsider, null, Hasher, Now), "channel.banned");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void A_ban_that_ends_now_or_earlier_is_refused(int minutes)
    {
        ShouldBeRefused(() => Channel.Ban(Admin, Member, Now.AddMinutes(minutes), Now), "validation");
        Channel.IsMember(Member.Id).ShouldBeTrue();
    }

    [Test]
    public void Banning_again_replaces_the_end_of_the_ban()
    {
        Channel.Ban(Admin, Member, Now.AddHours(1), Now);

        Channel.Ban(Owner, Member, Now.AddDays(1), Now.AddMinutes(1));

        Channel.Bans.ShouldBe([new ChannelBan(Member.Id, Owner.Id, Now.AddMinutes(1), Now.AddDays(1))]);
    }

    [Test]
    public void Unbanning_lets_the_user_join_again()
    {
        Channel.Ban(Admin, Member, null, Now);

        var notice = Channel.Unban(Admin, Member);

        notice.ShouldBe(new ChannelNotice(ChannelNoticeCodes.Unbanned, Channel.Id, Admin.Id, Member.Id));
        Channel.Bans.ShouldBeEmpty();
        Channel.Join(Member, null, Hasher, Now).ShouldBeTrue();
    }

    [Test]
    public void Unbanning_someone_who_is_not_banned_changes_nothing()
    {
        Channel.Unban(Admin, Outsider).ShouldBeNull();
    }

    [Test]
    public void A_mute_silences_a_member_until_it_ends()
    {
        var until = Now.AddMinutes(5);

        var notice = Channel.Mute(Admin, Member, until, Now);

        notice.ShouldBe(new ChannelNotice(ChannelNoticeCodes.Muted, Channel.Id, Admin.Id, Member.Id, until));
        Channel.Mutes.ShouldBe([new ChannelMute(Member.Id, Admin.Id, Now, until)]);
        Channel.IsMember(Member.Id).ShouldBeTrue();
        ShouldBeRefused(() => Channel.Post(Member, "hello?", "c1", until.AddTicks(-10)), "chat.muted");
        Channel.Post(Member, "hello!", "c2", until).Text.ShouldBe("hello!");
    }

    [Test]
    public void The_owner_mutes_an_admin()
    {
        Channel.Mute(Owner, Admin, Now.AddMinutes(5), Now);

        ShouldBeRefused(() => Channel.Post(Admin, "but I'm admin", "c1", Now), "chat.muted");
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void A_mute_must_end_in_the_future(int minutes)
    {
        ShouldBeRefused(() => Channel.Mute(Admin, Member, Now.AddMinutes(minutes), Now), "validation");
        Channel.Mutes.ShouldBeEmpty();
    }

    [Test]
    public void Muting_someone_who_is_not_a_member_is_refused()
    {
        ShouldBeRefused(() => Channel.Mute(Admin, Outsider, Now.AddMinutes(5), Now), "channel.not_member");
    }

    [Test]
    public void Muting_again_replaces_the_end_of_the_mute()
    {
        Channel.Mute(Admin, Member, Now.AddMinutes(5), Now);

        Channel.Mute(Admin, Member, Now.AddMinutes(1), Now).Until.ShouldBe(Now.AddMinutes(1));

        Channel.Post(Member, "free again", "c1", Now.AddMinutes(2)).ShouldNotBeNull();
    }

    [Test]
    public void Unmuting_lets_the_member_speak_at_once()
    {
        Channel.Mute(Admin, Member, Now.AddMinutes(5), Now);

        var notice = Channel.Unmute(Admin, Member);

        notice.ShouldBe(new ChannelNotice(ChannelNoticeCodes.Unmuted, Channel.Id, Admin.Id, Member.Id));
        Channel.Mutes.ShouldBeEmpty();
        Channel.Post(Member, "thanks", "c1", Now).ShouldNotBeNull();
    }

    [Test]
    public void Unmuting_someone_who_is_not_muted_changes_nothing()
    {
        Channel.Unmute(Admin, Member).ShouldBeNull();
    }

    [Test]
    public void Tidying_removes_ended_mutes_with_a_notice_and_ended_bans_silently()
    {
        Channel.Mute(Admin, Member, Now.AddMinutes(5), Now);
        Channel.Mute(Admin, OtherMember, Now.AddMinutes(30), Now);
        Channel.Ban(Admin, Outsider, Now.AddMinutes(5), Now);
        var forever = NewUser("forever");
        Channel.Ban(Admin, forever, null, Now);

        var notices = Channel.RemoveExpired(Now.AddMinutes(5));

        notices.ShouldBe([new ChannelNotice(ChannelNoticeCodes.Unmuted, Channel.Id, null, Member.Id)]);
        Channel.Mutes.Select(m => m.UserId).ShouldBe([OtherMember.Id]);
        Channel.Bans.Select(b => b.UserId).ShouldBe([forever.Id]);
    }

    [Test]
    public void Tidying_before_anything_ends_changes_nothing()
    {
        Channel.Mute(Admin, Member, Now.AddMinutes(5), Now);

        Channel.RemoveExpired(Now.AddMinutes(4)).ShouldBeEmpty();

        Channel.Mutes.Count.ShouldBe(1);
    }
}
