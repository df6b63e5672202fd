using Transcendence.Domain.Auth;
using Transcendence.Domain.Common;

namespace Transcendence.Domain.UnitTests.Auth;

public sealed class LoginTicketTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_ticket_is_usable_until_its_lifetime_is_over()
    {
        var ticket = LoginTicket.Issue(Guid.NewGuid(), "hash", Now, TimeSpan.FromMinutes(5));

        ticket.ExpiresAt.ShouldBe(Now.AddMinutes(5));
        Should.NotThrow(() => ticket.EnsureUsableAt(Now.AddMinutes(5).AddTicks(-10)));
        Should.Throw<DomainException>(() => ticket.EnsureUsableAt(Now.AddMinutes(5))).Code.ShouldBe("auth.invalid_token");
    }
}
