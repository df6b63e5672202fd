using Transcendence.Application.Common.Ports;
using Transcendence.Domain.Channels;

namespace Transcendence.Application.Channels;

internal static class ChatLookups
{
    /// <summary>The channel with that id (locked for the rest of a command), or <c>channel.not_found</c>.</summary>
    public static async Task<Channel> GetAsync(this IChannelRepository channels, Guid id, CancellationToken cancellationToken) =>
        await channels.FindByIdAsync(id, cancellationToken) ?? throw ChannelErrors.NotFound(id);

    /// <summary>The display names of the users, for payloads; unknown ids are left out.</summary>
    public static async Task<Dictionary<Guid, string>> NamesOfAsync(
        this IUserRepository users, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await users.FindByIdsAsync([.. ids.Distinct()], cancellationToken);
        return found.ToDictionary(user => user.Id, user => user.DisplayName.Value);
    }
}
