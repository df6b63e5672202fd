using Transcendence.Domain.Channels;
using Transcendence.Domain.Common;

namespace Transcendence.Domain.UnitTests.Channels;

[TestFixture]
public sealed class PostingAndReadingTests : ChannelTestKit
{
    [Test]
    public void A_member_posts_a_message_stamped_with_a_fresh_id_and_the_time()
    {
        var at = Now.AddTicks(1234567);

        var message = Channel.Post(Member, "  hello world \n", "client-1", at);

        message.ChannelId.ShouldBe(Channel.Id);
        message.SenderId.ShouldBe(Member.Id);
        message.Text.ShouldBe("hello world");
        message.ClientMessageId.ShouldBe("client-1");
        message.SentAt.ShouldBe(Now.AddTicks(1234560));
        message.Id.Version.ShouldBe(7);
    }

    [Test]
    public void Messages_posted_in_the_same_millisecond_get_ids_in_posting_order()
    {
        var ids = Enumerable.Range(0, 20).Select(i => Channel.Post(Member, "spam", $"c{i}", Now).Id).ToList();

        ids.ShouldBe(ids.Order(UuidOrder.Instance).ToList());
    }

    [Test]
    public void Someone_outside_the_channel_cannot_post()
    {
        ShouldBeRefused(() => Channel.Post(Outsider, "hi", "c1", Now), "channel.not_member");
    }

    [Test]
    public void A_banned_user_cannot_post()
    {
        Channel.Ban(Admin, Member, null, Now);

        ShouldBeRefused(() => Channel.Post(Member, "hi", "c1", Now), "channel.not_member");
    }

    [Test]
    public void A_muted_member_is_told_until_when()
    {
        Channel.Mute(Admin, Member, new DateTimeOffset(2026, 11, 24, 10, 5, 0, TimeSpan.Zero), Now);

        var refusal = Should.Throw<DomainException>(() => Channel.Post(Member, "hi", "c1", Now.AddMinutes(1)));

        refusal.Code.ShouldBe("chat.muted");
        refusal.Message.ShouldBe("you are muted in this channel until 2026-11-24T10:05:00Z");
    }

    [TestCase(1)]
    [TestCase(Message.MaxTextLength)]
    public void Texts_of_1_to_2000_characters_are_accepted(int length)
    {
        Channel.Post(Member, new string('x', length), "c1", Now).Text.Length.ShouldBe(length);
    }

    [Test]
    public void An_emoji_counts_as_one_character_of_a_message()
    {
        var text = string.Concat(Enumerable.Repeat("🏓", Message.MaxTextLength));

        Channel.Post(Member, text, "c1", Now).Text.ShouldBe(text);
        ShouldBeRefused(() => Channel.Post(Member, text + "!", "c2", Now), "validation");
    }

    [TestCase("")]
    [TestCase(" \n\t ")]
    [TestCase(null)]
    public void Empty_texts_are_refused(string? text)
    {
        ShouldBeRefused(() => Channel.Post(Member, text!, "c1", Now), "validation");
    }

    [Test]
    public void A_text_over_2000_characters_is_refused_but_surrounding_spaces_do_not_count()
    {
        ShouldBeRefused(() => Channel.Post(Member, new string('x', Message.MaxTextLength + 1), "c1", Now), "validation");
        Channel.Post(Member, "  " + new string('x', Message.MaxTextLength) + "  ", "c2", Now).Text.Length.ShouldBe(Message.MaxTextLength);
    }

    [Test]
    public void Newlines_and_tabs_are_kept_and_windows_line_breaks_become_newlines()
    {
        Channel.Post(Member, "first\r\nsecond\n\tindented", "c1", Now).Text.ShouldBe("first\nsecond\n\tindented");
    }

    [TestCase("bell\a")]
    [TestCase("nul\0byte")]
    [TestCase("lone\rreturn")]
    [TestCase("escape\u001b[31m")]
    [TestCase("delete\u007f")]
    [TestCase("next\u0085line")]
    public void Other_control_characters_are_refused(string text)
    {
        ShouldBeRefused(() => Channel.Post(Member, text, "c1", Now), "validation");
    }

    [Test]
    public void A_lone_surrogate_is_refused()
    {
        ShouldBeRefused(() => Channel.Post(Member, "broken \udc00", "c1", Now), "validation");
    }

    [TestCase("")]
    [TestCase(null)]
    [TestCase("has space")]
    [TestCase("non-ascii-é")]
    public void Client_message_ids_other_than_1_to_64_visible_ascii_characters_are_refused(string? clientMessageId)
    {
        ShouldBeRefused(() => Channel.Post(Member, "hi", clientMessageId!, Now), "validation");
    }

    [Test]
    public void A_client_message_id_of_64_characters_is_accepted_and_one_of_65_is_refused()
    {
        var id = new string('a', Message.MaxClientMessageIdLength);

        Channel.Post(Member, "hi", id, Now).ClientMessageId.ShouldBe(id);
        ShouldBeRefused(() => Channel.Post(Member, "hi", id + "a", Now), "validation");
    }

    [Test]
    public void A_member_may_read_the_channel()
    {
        Should.NotThrow(() => Channel.EnsureCanRead(Member, Now));
    }

    [Test]
    public void Someone_outside_the_channel_may_not_read_it()
    {
        ShouldBeRefused(() => Channel.EnsureCanRead(Outsider, Now), "channel.not_member");
    }

    [Test]
    public void A_banned_user_may_not_read_the_channel()
    {
        Channel.Ban(Admin, Member, Now.AddHours(1), Now);

        ShouldBeRefused(() => Channel.EnsureCanRead(Member, Now.AddMinutes(1)), "channel.banned");
        ShouldBeRefused(() => Channel.EnsureCanRead(Member, Now.AddHours(1)), "channel.not_member");
    }
}
