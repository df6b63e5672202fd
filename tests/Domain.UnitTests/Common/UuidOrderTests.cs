using Transcendence.Domain.Common;

namespace Transcendence.Domain.UnitTests.Common;

[TestFixture]
public sealed class UuidOrderTests
{
    [Test]
    public void Ids_are_ordered_as_their_string_forms_are()
    {
        var ids = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToList();

        ids.Order(UuidOrder.Instance).ShouldBe(ids.OrderBy(id => id.ToString("D"), StringComparer.Ordinal));
    }

    [TestCase("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002")]
    [TestCase("0000000f-ffff-ffff-ffff-ffffffffffff", "00000010-0000-0000-0000-000000000000")]
    [TestCase("7fffffff-ffff-ffff-ffff-ffffffffffff", "80000000-0000-0000-0000-000000000000")]
    [TestCase("00000000-ffff-0000-0000-000000000000", "00000001-0000-0000-0000-000000000000")]
    [TestCase("00000000-0000-0000-00ff-000000000000", "00000000-0000-0000-0100-000000000000")]
    public void The_first_differing_byte_in_big_endian_order_decides(string lower, string higher)
    {
        UuidOrder.Instance.Compare(Guid.Parse(lower), Guid.Parse(higher)).ShouldBeLessThan(0);
        UuidOrder.Instance.Compare(Guid.Parse(higher), Guid.Parse(lower)).ShouldBeGreaterThan(0);
        UuidOrder.Instance.Compare(Guid.Parse(lower), Guid.Parse(lower)).ShouldBe(0);
    }

    [Test]
    public void Version_7_ids_made_in_one_millisecond_sort_in_the_order_they_were_made()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 100).Select(_ => UuidV7.NewId(at)).ToList();

        ids.Order(UuidOrder.Instance).ShouldBe(ids);
    }
}
