using Transcendence.Domain.Common;

namespace Transcendence.Domain.UnitTests.Common;

public sealed class UuidV7Tests
{
    [Test]
    public void Ids_carry_version_7_and_the_rfc_variant()
    {
        var id = UuidV7.NewId(DateTimeOffset.UtcNow);

        id.Version.ShouldBe(7);
        (id.ToByteArray(bigEndian: true)[8] & 0xC0).ShouldBe(0x80);
    }

    [Test]
    public void Ids_made_in_the_same_millisecond_sort_in_creation_order_as_strings()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

        var ids = Enumerable.Range(0, 5000).Select(_ => UuidV7.NewId(at).ToString()).ToList();

        ids.ShouldBe(ids.Order(StringComparer.Ordinal).ToList());
        ids.Distinct().Count().ShouldBe(ids.Count);
    }

    [Test]
    public void The_id_starts_with_the_creation_time_in_milliseconds()
    {
        var at = DateTimeOffset.UtcNow.AddDays(1);

        var bytes = UuidV7.NewId(at).ToByteArray(bigEndian: true);

        var ms = bytes.Take(6).Aggregate(0L, (acc, b) => (acc << 8) | b);
        ms.ShouldBeGreaterThanOrEqualTo(at.ToUnixTimeMilliseconds());
    }

    [Test]
    public void A_clock_that_steps_back_never_makes_an_id_that_sorts_before_the_last_one()
    {
        var later = UuidV7.NewId(DateTimeOffset.UtcNow.AddDays(2)).ToString();

        var earlier = UuidV7.NewId(DateTimeOffset.UtcNow).ToString();

        string.CompareOrdinal(earlier, later).ShouldBeGreaterThan(0);
    }
}
