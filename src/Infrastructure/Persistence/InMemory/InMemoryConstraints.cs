namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>
/// The schema's primary and foreign keys, checked as PostgreSQL checks them. Breaking one is a bug in the
/// caller, not a refusal a client should see, so it throws as the database would: an exception that is
/// not a domain refusal.
/// </summary>
internal static class InMemoryConstraints
{
    public static void RequireUsers(InMemoryState state, IEnumerable<Guid> userIds)
    {
        foreach (var id in userIds)
        {
            if (!state.Users.ById.ContainsKey(id))
            {
                throw new InvalidOperationException($"foreign key violation: no user has the id {id}");
            }
        }
    }

    public static void RequireChannel(InMemoryState state, Guid channelId)
    {
        if (!state.Channels.ById.ContainsKey(channelId))
        {
            throw new InvalidOperationException($"foreign key violation: no channel has the id {channelId}");
        }
    }

    public static InvalidOperationException DuplicateKey(string table, Guid id) =>
        new($"unique violation: {table} already holds the id {id}");
}
