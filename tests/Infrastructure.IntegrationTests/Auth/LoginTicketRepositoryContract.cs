using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Infrastructure.IntegrationTests.Auth;

/// <summary>What every <see cref="ILoginTicketRepository"/> promises; run against both stores.</summary>
public abstract class LoginTicketRepositoryContract : AuthStoreFixture
{
    [Test]
    public async Task A_stored_ticket_reads_back_equal_until_removed()
    {
        var user = await AddUserAsync("jdoe");
        var ticket = LoginTicket.Issue(user.Id, "ticket-hash", Now, TimeSpan.FromMinutes(5));
        await With<ILoginTicketRepository>(repo => repo.AddAsync(ticket, CancellationToken.None));

        var found = await With<ILoginTicketRepository, LoginTicket?>(repo => repo.FindAsync("ticket-hash", CancellationToken.None));
        found.ShouldNotBeNull();
        found.UserId.ShouldBe(user.Id);
        found.IssuedAt.ShouldBe(ticket.IssuedAt);
        found.ExpiresAt.ShouldBe(ticket.ExpiresAt);

        await With<ILoginTicketRepository>(repo => repo.RemoveAsync("ticket-hash", CancellationToken.None));

        (await With<ILoginTicketRepository, LoginTicket?>(repo => repo.FindAsync("ticket-hash", CancellationToken.None))).ShouldBeNull();
    }

    [Test]
    public async Task Removing_expired_tickets_keeps_the_live_ones()
    {
        var user = await AddUserAsync("jdoe");
        var old = LoginTicket.Issue(user.Id, "old", Now, TimeSpan.FromMinutes(5));
        var fresh = LoginTicket.Issue(user.Id, "fresh", Now.AddMinutes(4), TimeSpan.FromMinutes(5));
        await With<ILoginTicketRepository>(async repo =>
        {
            await repo.AddAsync(old, CancellationToken.None);
            await repo.AddAsync(fresh, CancellationToken.None);
        });

        await With<ILoginTicketRepository>(repo => repo.RemoveExpiredAsync(old.ExpiresAt, CancellationToken.None));

        (await With<ILoginTicketRepository, LoginTicket?>(repo => repo.FindAsync("old", CancellationToken.None))).ShouldBeNull();
        (await With<ILoginTicketRepository, LoginTicket?>(repo => repo.FindAsync("fresh", CancellationToken.None))).ShouldNotBeNull();
    }

    [Test]
    public async Task Removing_an_unknown_ticket_is_harmless()
    {
        await With<ILoginTicketRepository>(repo => repo.RemoveAsync("nope", CancellationToken.None));
    }
}

[TestFixture]
public sealed class InMemoryLoginTicketRepositoryTests : LoginTicketRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.InMemory;
}

[TestFixture]
public sealed class PostgresLoginTicketRepositoryTests : LoginTicketRepositoryContract
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
