using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Infrastructure.Persistence.InMemory;

public sealed class InMemoryLoginTicketRepository(InMemorySession session) : ILoginTicketRepository
{
    public Task AddAsync(LoginTicket ticket, CancellationToken cancellationToken)
    {
        session.Write(state =>
        {
            if (!state.Users.ById.ContainsKey(ticket.UserId))
            {
                throw new InvalidOperationException($"no user has the id {ticket.UserId}");
            }

            return state.LoginTickets.ContainsKey(ticket.Hash)
                ? throw new InvalidOperationException("a ticket with this hash is already stored")
                : state with { LoginTickets = state.LoginTickets.Add(ticket.Hash, LoginTicketRow.From(ticket)) };
        }, Key(ticket.Hash));
        return Task.CompletedTask;
    }

    public Task<LoginTicket?> FindAsync(string ticketHash, CancellationToken cancellationToken)
    {
        session.Read(Key(ticketHash));
        return Task.FromResult(session.State.LoginTickets.TryGetValue(ticketHash, out var row) ? row.ToTicket() : null);
    }

    public Task RemoveAsync(string ticketHash, CancellationToken cancellationToken)
    {
        session.Write(state => state with { LoginTickets = state.LoginTickets.Remove(ticketHash) }, Key(ticketHash));
        return Task.CompletedTask;
    }

    public Task RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        session.Write(state => state with
        {
            LoginTickets = state.LoginTickets.RemoveRange(
                state.LoginTickets.Values.Where(row => row.ExpiresAt <= now).Select(row => row.TicketHash)),
        }, StoreKey.Every(StoreTable.LoginTickets));
        return Task.CompletedTask;
    }

    private static long Key(string ticketHash) => StoreKey.Of(StoreTable.LoginTickets, ticketHash);
}
