using Dapper;
using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Auth;

namespace Transcendence.Infrastructure.Persistence.Postgres;

public sealed class PostgresLoginTicketRepository(PostgresSession session) : ILoginTicketRepository
{
    private const string InsertSql = "insert into two_factor_tickets (ticket_hash, user_id, issued_at, expires_at) values (@TicketHash, @UserId, @IssuedAt, @ExpiresAt)";

    // FOR UPDATE: a ticket is spent once; a concurrent verification waits and then finds it gone.
    private const string FindSql = "select ticket_hash, user_id, issued_at, expires_at from two_factor_tickets where ticket_hash = @ticketHash for update";

    private const string RemoveSql = "delete from two_factor_tickets where ticket_hash = @ticketHash";

    private const string RemoveExpiredSql = "delete from two_factor_tickets where expires_at <= @now";

    public Task AddAsync(LoginTicket ticket, CancellationToken cancellationToken) =>
        ExecuteAsync(InsertSql, LoginTicketRow.From(ticket), cancellationToken);

    public Task<LoginTicket?> FindAsync(string ticketHash, CancellationToken cancellationToken) =>
        session.RunAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<LoginTicketRow>(
                    new CommandDefinition(FindSql, new { ticketHash }, transaction, cancellationToken: cancellationToken));
                return row?.ToTicket();
            },
            cancellationToken);

    public Task RemoveAsync(string ticketHash, CancellationToken cancellationToken) =>
        ExecuteAsync(RemoveSql, new { ticketHash }, cancellationToken);

    public Task RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(RemoveExpiredSql, new { now }, cancellationToken);

    private Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        session.RunAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
}
