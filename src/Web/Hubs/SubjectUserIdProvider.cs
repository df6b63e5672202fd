using Microsoft.AspNetCore.SignalR;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Transcendence.Web.Hubs;

/// <summary>SignalR's user id is our user id (the token's <c>sub</c>), so <c>Clients.User(id)</c> reaches every tab.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        connection.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
}
