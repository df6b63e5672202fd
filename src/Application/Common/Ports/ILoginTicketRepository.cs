using Transcendence.Domain.Auth;

namespace Transcendence.Application.Common.Ports;

/// <summary>Where two-factor login tickets wait for their code, by hash only.</summary>
public interface ILoginTicketRepository
{
    Task AddAsync(LoginTicket ticket, CancellationToken cancellationToken);

    /// <summary>The ticket with this hash; locked until the unit of work ends, like a refresh token.</summary>
    Task<LoginTicket?> FindAsync(string ticketHash, CancellationToken cancellationToken);

    Task RemoveAsync(string ticketHash, CancellationToken cancellationToken);

    /// <summary>Forgets every ticket whose time is up at <paramref name="now"/>.</summary>
    Task RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
