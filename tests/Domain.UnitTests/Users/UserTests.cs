using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Users;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(7);

    [Test]
    public void A_registered_user_has_a_version_7_id_the_login_and_the_creation_time_in_utc_to_the_microsecond()
    {
        var user = User.Register("jdoe", DisplayName.Parse("jdoe"), Now);

        user.Id.Version.ShouldBe(7);
        user.Login.ShouldBe("jdoe");
        user.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        user.CreatedAt.ShouldBe(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("new\nline")]
    public void A_login_that_is_blank_or_has_control_characters_is_refused(string login) =>
        Should.Throw<DomainException>(() => User.Register(login, DisplayName.Parse("name"), Now)).Code.ShouldBe("validation");

    [Test]
    public void A_login_longer_than_64_characters_is_refused() =>
        Should.Throw<DomainException>(() => User.Register(new string('a', 65), DisplayName.Parse("name"), Now)).Code.ShouldBe("validation");

    [Test]
    public void Renaming_changes_the_display_name_and_never_the_login()
    {
        var user = User.Register("jdoe", DisplayName.Parse("jdoe"), Now);

        user.Rename(DisplayName.Parse("John"));

        user.DisplayName.Value.ShouldBe("John");
        user.Login.ShouldBe("jdoe");
    }

    [Test]
    public void A_dev_login_account_has_no_provider()
    {
        var user = User.Register("jdoe", DisplayName.Parse("jdoe"), Now);

        user.Provider.ShouldBeNull();
        user.ProviderUserId.ShouldBeNull();
    }

    [Test]
    public void A_provider_account_made_before_ids_were_kept_is_linked_once_then_follows_renamed_logins()
    {
        var user = User.Rehydrate(Guid.CreateVersion7(), "marvin", "marvin", Now, provider: "42");

        user.ConfirmExternal("42", "4242", "marvin");
        user.ConfirmExternal("42", "4242", "marvin-renamed");

        user.ProviderUserId.ShouldBe("4242");
        user.Login.ShouldBe("marvin-renamed");
        user.DisplayName.Value.ShouldBe("marvin");
    }

    [Test]
    public void Another_persons_id_or_provider_never_confirms_an_account()
    {
        var linked = User.RegisterExternal("42", "4242", "marvin", DisplayName.Parse("marvin"), Now);
        var dev = User.Register("marvin", DisplayName.Parse("marvin"), Now);

        Should.Throw<InvalidOperationException>(() => linked.ConfirmExternal("42", "9999", "marvin"));
        Should.Throw<InvalidOperationException>(() => linked.ConfirmExternal("github", "4242", "marvin"));
        Should.Throw<InvalidOperationException>(() => dev.ConfirmExternal("42", "4242", "marvin"));
        linked.ProviderUserId.ShouldBe("4242");
    }

    [TestCase("")]
    [TestCase("id\u0001")]
    public void A_blank_provider_id_or_one_with_control_characters_is_refused(string id) =>
        Should.Throw<DomainException>(() => User.RegisterExternal("42", id, "marvin", DisplayName.Parse("marvin"), Now))
            .Code.ShouldBe("validation");
}
