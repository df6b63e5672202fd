using Transcendence.Domain.Channels;

namespace Transcendence.Domain.UnitTests.Channels;

[TestFixture]
public sealed class ChannelCreationTests : ChannelTestKit
{
    [Test]
    public void The_creator_becomes_the_owner_and_only_member()
    {
        var creator = NewUser("creator");

        var channel = Channel.Create(creator, "lounge", ChannelVisibility.Public, null, Hasher, Now);

        channel.Kind.ShouldBe(ChannelKind.Group);
        channel.Name.ShouldBe("lounge");
        channel.Visibility.ShouldBe(ChannelVisibility.Public);
        channel.PasswordHash.ShouldBeNull();
        channel.DirectKey.ShouldBeNull();
        channel.CreatedAt.ShouldBe(Now);
        channel.Members.ShouldBe([new ChannelMember(creator.Id, ChannelRole.Owner, Now)]);
        channel.Owner!.UserId.ShouldBe(creator.Id);
        channel.Invites.ShouldBeEmpty();
        channel.Bans.ShouldBeEmpty();
        channel.Mutes.ShouldBeEmpty();
    }

    [Test]
    public void The_name_is_trimmed()
    {
        Channel.Create(Owner, "  lounge \t", ChannelVisibility.Public, null, Hasher, Now).Name.ShouldBe("lounge");
    }

    [TestCase("a")]
    [TestCase("thirty-two characters long name!")]
    [TestCase("with inner  spaces")]
    public void Names_of_1_to_32_characters_are_accepted(string name)
    {
        Channel.Create(Owner, name, ChannelVisibility.Public, null, Hasher, Now).Name.ShouldBe(name);
    }

    [Test]
    public void An_emoji_counts_as_one_character_of_a_name()
    {
        var name = string.Concat(Enumerable.Repeat("😀", Channel.MaxNameLength));

        Channel.Create(Owner, name, ChannelVisibility.Public, null, Hasher, Now).Name.ShouldBe(name);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    [TestCase("thirty-three characters long name")]
    [TestCase("line\nbreak")]
    [TestCase("tab\there")]
    [TestCase("nul\0")]
    public void Empty_too_long_or_control_character_names_are_refused(string? name)
    {
        ShouldBeRefused(() => Channel.Create(Owner, name!, ChannelVisibility.Public, null, Hasher, Now), "validation");
    }

    [Test]
    public void A_name_with_a_lone_surrogate_is_refused()
    {
        ShouldBeRefused(() => Channel.Create(Owner, "lone \ud800 surrogate", ChannelVisibility.Public, null, Hasher, Now), "validation");
    }

    [Test]
    public void A_protected_channel_keeps_only_the_hash_of_its_password()
    {
        var channel = Channel.Create(Owner, "vault", ChannelVisibility.Protected, "s3cret-pw", Hasher, Now);

        channel.Visibility.ShouldBe(ChannelVisibility.Protected);
        channel.PasswordHash.ShouldBe("hashed:s3cret-pw");
    }

    [Test]
    public void A_protected_channel_without_a_password_is_refused()
    {
        ShouldBeRefused(() => Channel.Create(Owner, "vault", ChannelVisibility.Protected, null, Hasher, Now), "validation");
    }

    [TestCase("abc")]
    [TestCase("")]
    [TestCase("pass\u0001word")]
    public void A_password_too_short_or_with_control_characters_is_refused(string password)
    {
        ShouldBeRefused(() => Channel.Create(Owner, "vault", ChannelVisibility.Protected, password, Hasher, Now), "validation");
    }

    [Test]
    public void A_password_of_128_characters_is_accepted_and_one_of_129_is_refused()
    {
        Channel.Create(Owner, "vault", ChannelVisibility.Protected, new string('p', 128), Hasher, Now).PasswordHash.ShouldNotBeNull();
        ShouldBeRefused(() => Channel.Create(Owner, "vault", ChannelVisibility.Protected, new string('p', 129), Hasher, Now), "validation");
    }

    [TestCase(ChannelVisibility.Public)]
    [TestCase(ChannelVisibility.Private)]
    public void A_password_on_a_channel_that_is_not_protected_is_refused(ChannelVisibility visibility)
    {
        ShouldBeRefused(() => Channel.Create(Owner, "room", visibility, "s3cret-pw", Hasher, Now), "validation");
    }

    [Test]
    public void Creation_time_is_kept_in_utc_to_the_microsecond()
    {
        var local = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

        var channel = Channel.Create(Owner, "room", ChannelVisibility.Public, null, Hasher, local);

        channel.CreatedAt.ShouldBe(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560));
        channel.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        channel.Members[0].JoinedAt.ShouldBe(channel.CreatedAt);
    }

    [Test]
    public void Rehydrating_a_channel_gives_back_every_part_of_its_state()
    {
        Channel.Mute(Admin, Member, Now.AddMinutes(5), Now);
        Channel.Ban(Admin, Outsider, Now.AddDays(1), Now);

        var copy = Channel.Rehydrate(
            Channel.Id, Channel.Kind, Channel.Name, Channel.Visibility, Channel.PasswordHash, Channel.CreatedAt,
            Channel.Members, Channel.Invites, Channel.Bans, Channel.Mutes);

        copy.Id.ShouldBe(Channel.Id);
        copy.Name.ShouldBe("general");
        copy.Members.ShouldBe(Channel.Members);
        copy.Bans.ShouldBe(Channel.Bans);
        copy.Mutes.ShouldBe(Channel.Mutes);
        copy.Owner!.UserId.ShouldBe(Owner.Id);
    }
}
