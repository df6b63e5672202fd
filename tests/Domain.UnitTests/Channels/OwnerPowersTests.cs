using Transcendence.Domain.Channels;

namespace Transcendence.Domain.UnitTests.Channels;

[TestFixture]
public sealed class OwnerPowersTests : ChannelTestKit
{
    [Test]
    public void The_owner_grants_admin_to_a_member()
    {
        var notice = Channel.GrantAdmin(Owner, Member);

        notice.ShouldBe(new ChannelNotice(ChannelNoticeCodes.AdminGranted, Channel.Id, Owner.Id, Member.Id));
        Channel.MemberOf(Member.Id)!.Role.ShouldBe(ChannelRole.Admin);
    }

    [Test]
    public void Granting_admin_to_an_admin_changes_nothing()
    {
        Channel.GrantAdmin(Owner, Admin).ShouldBeNull();

        Channel.MemberOf(Admin.Id)!.Role.ShouldBe(ChannelRole.Admin);
    }

    [Test]
    public void The_owner_revokes_an_admin()
    {
        var notice = Channel.RevokeAdmin(Owner, Admin);

        notice.ShouldBe(new ChannelNotice(ChannelNoticeCodes.AdminRevoked, Channel.Id, Owner.Id, Admin.Id));
        Channel.MemberOf(Admin.Id)!.Role.ShouldBe(ChannelRole.Member);
    }

    [Test]
    public void Revoking_admin_from_a_plain_member_changes_nothing()
    {
        Channel.RevokeAdmin(Owner, Member).ShouldBeNull();
    }

    [Test]
    public void Admins_and_members_cannot_grant_or_revoke_admin()
    {
        ShouldBeRefused(() => Channel.GrantAdmin(Admin, Member), "channel.forbidden");
        ShouldBeRefused(() => Channel.GrantAdmin(Member, OtherMember), "channel.forbidden");
        ShouldBeRefused(() => Channel.RevokeAdmin(Admin, Admin), "channel.forbidden");
        ShouldBeRefused(() => Channel.RevokeAdmin(Member, Admin), "channel.forbidden");
    }

    [Test]
    public void An_outsider_cannot_grant_admin()
    {
        ShouldBeRefused(() => Channel.GrantAdmin(Outsider, Member), "channel.not_member");
    }

    [Test]
    public void Admin_cannot_be_granted_to_someone_outside_the_channel()
    {
        ShouldBeRefused(() => Channel.GrantAdmin(Owner, Outsider), "channel.not_member");
    }

    [Test]
    public void The_owner_role_itself_cannot_be_changed()
    {
        ShouldBeRefused(() => Channel.GrantAdmin(Owner, Owner), "channel.owner_protected");
        ShouldBeRefused(() => Channel.RevokeAdmin(Owner, Owner), "channel.owner_protected");
    }

    [Test]
    public void The_owner_renames_the_channel()
    {
        Channel.Rename(Owner, "  lobby ");

        Channel.Name.ShouldBe("lobby");
    }

    [Test]
    public void Only_the_owner_renames_the_channel()
    {
        ShouldBeRefused(() => Channel.Rename(Admin, "lobby"), "channel.forbidden");
        ShouldBeRefused(() => Channel.Rename(Member, "lobby"), "channel.forbidden");
        ShouldBeRefused(() => Channel.Rename(Outsider, "lobby"), "channel.not_member");
        Channel.Name.ShouldBe("general");
    }

    [Test]
    public void A_rename_follows_the_name_rules()
    {
        ShouldBeRefused(() => Channel.Rename(Owner, "   "), "validation");
        ShouldBeRefused(() => Channel.Rename(Owner, new string('n', 33)), "validation");
    }

    [Test]
    public void The_owner_protects_the_channel_with_a_password()
    {
        Channel.ChangeAccess(Owner, ChannelVisibility.Protected, "s3cret-pw", Hasher);

        Channel.Visibility.ShouldBe(ChannelVisibility.Protected);
        Channel.PasswordHash.ShouldBe("hashed:s3cret-pw");
        ShouldBeRefused(() => Channel.Join(Outsider, null, Hasher, Now), "channel.wrong_password");
    }

    [Test]
    public void Protecting_a_channel_needs_a_password()
    {
        ShouldBeRefused(() => Channel.ChangeAccess(Owner, ChannelVisibility.Protected, null, Hasher), "validation");
        Channel.Visibility.ShouldBe(ChannelVisibility.Public);
    }

    [Test]
    public void A_new_password_replaces_the_old_one()
    {
        var channel = NewChannel(Owner, ChannelVisibility.Protected, "old-pass");

        channel.ChangeAccess(Owner, ChannelVisibility.Protected, "new-pass", Hasher);

        ShouldBeRefused(() => channel.Join(Outsider, "old-pass", Hasher, Now), "channel.wrong_password");
        channel.Join(Outsider, "new-pass", Hasher, Now).ShouldBeTrue();
    }

    [Test]
    public void A_protected_channel_kept_protected_without_a_new_password_keeps_its_password()
    {
        var channel = NewChannel(Owner, ChannelVisibility.Protected, "s3cret-pw");

        channel.ChangeAccess(Owner, ChannelVisibility.Protected, null, Hasher);

        channel.PasswordHash.ShouldBe("hashed:s3cret-pw");
    }

    [TestCase(ChannelVisibility.Public)]
    [TestCase(ChannelVisibility.Private)]
    public void Leaving_protected_removes_the_password(ChannelVisibility visibility)
    {
        var channel = NewChannel(Owner, ChannelVisibility.Protected, "s3cret-pw");

        channel.ChangeAccess(Owner, visibility, null, Hasher);

        channel.Visibility.ShouldBe(visibility);
        channel.PasswordHash.ShouldBeNull();
    }

    [Test]
    public void A_password_for_a_channel_that_will_not_be_protected_is_refused()
    {
        ShouldBeRefused(() => Channel.ChangeAccess(Owner, ChannelVisibility.Private, "s3cret-pw", Hasher), "validation");
        Channel.Visibility.ShouldBe(ChannelVisibility.Public);
    }

    [Test]
    public void A_channel_made_private_takes_only_invited_users()
    {
        Channel.ChangeAccess(Owner, ChannelVisibility.Private, null, Hasher);

        ShouldBeRefused(() => Channel.Join(Outsider, null, Hasher, Now), "channel.forbidden");
        Channel.IsMember(Member.Id).ShouldBeTrue();
    }

    [Test]
    public void Only_the_owner_changes_who_may_join()
    {
        ShouldBeRefused(() => Channel.ChangeAccess(Admin, ChannelVisibility.Private, null, Hasher), "channel.forbidden");
        ShouldBeRefused(() => Channel.ChangeAccess(Member, ChannelVisibility.Private, null, Hasher), "channel.forbidden");
        ShouldBeRefused(() => Channel.ChangeAccess(Outsider, ChannelVisibility.Private, null, Hasher), "channel.not_member");
        Channel.Visibility.ShouldBe(ChannelVisibility.Public);
    }
}
