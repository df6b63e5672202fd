using Transcendence.Domain.Common;
using Transcendence.Domain.Users;

namespace Transcendence.Domain.UnitTests.Users;

public sealed class DisplayNameTests
{
    [TestCase("abc")]
    [TestCase("Queen-Alice_42")]
    [TestCase("a2345678901234567890")]
    public void Names_of_3_to_20_letters_digits_underscores_and_hyphens_are_accepted(string name) =>
        DisplayName.Parse(name).Value.ShouldBe(name);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("ab")]
    [TestCase("a23456789012345678901")]
    [TestCase("has space")]
    [TestCase("dot.ted")]
    [TestCase("émile")]
    [TestCase("tab\tbed")]
    public void Other_names_are_refused_as_validation(string? name)
    {
        var refused = Should.Throw<DomainException>(() => DisplayName.Parse(name));

        refused.Code.ShouldBe("validation");
        refused.Kind.ShouldBe(ErrorKind.Invalid);
    }

    [Test]
    public void Names_that_differ_only_in_case_normalise_alike() =>
        DisplayName.Parse("ALICE").Normalized.ShouldBe(DisplayName.Parse("alice").Normalized);

    [Test]
    public void A_valid_login_is_its_own_first_candidate() =>
        DisplayName.CandidatesFor("jdoe").First().Value.ShouldBe("jdoe");

    [Test]
    public void Characters_a_display_name_cannot_hold_become_underscores_and_short_logins_are_padded()
    {
        DisplayName.CandidatesFor("j.doe").First().Value.ShouldBe("j_doe");
        DisplayName.CandidatesFor("x").First().Value.ShouldBe("x__");
    }

    [Test]
    public void Later_candidates_carry_a_growing_suffix_and_stay_within_20_characters()
    {
        var candidates = DisplayName.CandidatesFor("a-very-long-login-name-indeed").Take(12).Select(c => c.Value).ToList();

        candidates[0].ShouldBe("a-very-long-login-na");
        candidates[1].ShouldBe("a-very-long-login-n2");
        candidates[9].ShouldBe("a-very-long-login-10");
        candidates.ShouldAllBe(c => c.Length <= DisplayName.MaxLength);
        candidates.Distinct().Count().ShouldBe(candidates.Count);
    }
}
