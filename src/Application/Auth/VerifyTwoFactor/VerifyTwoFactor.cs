using Mediator;
using Transcendence.Application.Common.Ports;
using Transcendence.Application.Users;
using Transcendence.Domain.Auth;

namespace Transcendence.Application.Auth.VerifyTwoFactor;

/// <summary>
/// Finishes a login that needs the second factor: a live ticket and a current, unused code give a new
/// login and tokens, and spend the ticket. A wrong code leaves the ticket usable (until it expires or
/// the lockout stops further tries).
/// </summary>
public sealed record VerifyTwoFactor(string Ticket, string Code) : ICommand<AuthTokens>;

public sealed class VerifyTwoFactorHandler(
    ILoginTicketRepository tickets,
    ITwoFactorRepository twoFactors,
    IUserRepository users,
    TwoFactorCodeCheck codes,
    SessionIssuer sessions,
    TimeProvider clock) : ICommandHandler<VerifyTwoFactor, AuthTokens>
{
    public async ValueTask<AuthTokens> Handle(VerifyTwoFactor command, CancellationToken cancellationToken)
    {
        var ticket = await tickets.FindAsync(OpaqueToken.Hash(command.Ticket), cancellationToken)
            ?? throw AuthErrors.InvalidTicket("the two-factor ticket is unknown or already used; log in again");
        ticket.EnsureUsableAt(clock.GetUtcNow());

        var twoFactor = await twoFactors.FindAsync(ticket.UserId, cancellationToken);
        if (twoFactor is not { IsEnabled: true })
        {
            throw AuthErrors.InvalidTicket("two-factor authentication was turned off since this login began; log in again");
        }

        await codes.RunAsync(twoFactor, command.Code, (t, stepOf, now) => t.Verify(stepOf, now, ticket.IssuedAt), cancellationToken);
        await tickets.RemoveAsync(ticket.Hash, cancellationToken);
        var user = await users.GetAsync(ticket.UserId, cancellationToken);
        return await sessions.StartLoginAsync(user, twoFactorEnabled: true, cancellationToken);
    }
}
