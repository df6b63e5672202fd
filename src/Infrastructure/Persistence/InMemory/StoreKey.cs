namespace Transcendence.Infrastructure.Persistence.InMemory;

/// <summary>The in-memory store's tables, as far as a transaction's reads and writes are concerned.</summary>
internal enum StoreTable : byte
{
    Users = 1,
    UserNames,
    UserLogins,
    Blocks,
    BlockersOf,
    Friendships,
    Avatars,
    Channels,
    DirectChannels,
    Messages,
    MessageClientIds,
    ChannelMessages,
    PasswordGuesses,
    RefreshFamilies,
    RefreshTokens,
    TwoFactors,
    LoginTickets,
    Matches,
    PlayerStats,
    Achievements,
}

/// <summary>
/// A row (or a whole table) a transaction read or wrote, as one number: the table and the key's hash.
/// Two keys that share a number only cost a needless retry, never a missed conflict, so a hash will do.
/// </summary>
internal static class StoreKey
{
    private const long WholeTable = 1L << 40;
    private const long EveryRow = 1L << 41;

    public static long Of<T>(StoreTable table, T key)
        where T : notnull =>
        ((long)table << 32) | (uint)EqualityComparer<T>.Default.GetHashCode(key);

    /// <summary>
    /// What a scan reads (every row of <paramref name="table"/>, those that do not exist yet included); every
    /// write to the table writes it too.
    /// </summary>
    public static long All(StoreTable table) => WholeTable | ((long)table << 32);

    /// <summary>
    /// What a write that may change any row of <paramref name="table"/> writes (a sweep, a cascade): every
    /// transaction that read anything of the table conflicts with it.
    /// </summary>
    public static long Every(StoreTable table) => EveryRow | WholeTable | ((long)table << 32);

    public static bool IsEvery(long key) => (key & EveryRow) != 0;

    public static StoreTable TableOf(long key) => (StoreTable)(byte)(key >> 32);

    /// <summary>The table's bit in a set of tables (a <see cref="ulong"/>).</summary>
    public static ulong TableBit(long key) => 1UL << (byte)(key >> 32);
}
