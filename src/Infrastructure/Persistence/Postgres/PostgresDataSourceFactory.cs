using System.Data.Common;
using Npgsql;

namespace Transcendence.Infrastructure.Persistence.Postgres;

/// <summary>
/// The app's one <see cref="NpgsqlDataSource"/>. Two defaults differ from Npgsql's, each unless the
/// connection string sets it: statements used twice are prepared (a chat send runs the same six
/// statements every time, and parsing and planning them was most of the server's work per message), and
/// a pooled connection is not reset on return (the app keeps no session state: no SET, no LISTEN, no
/// temp tables), which saves a DISCARD ALL per unit of work.
/// </summary>
public static class PostgresDataSourceFactory
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }

        if (!Names(connectionString, "NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        return NpgsqlDataSource.Create(settings.ConnectionString);
    }

    /// <summary>
    /// Whether the connection string itself sets <paramref name="setting"/> (in any spelling Npgsql takes:
    /// "Max Auto Prepare", "MaxAutoPrepare", any case). Npgsql's own builder cannot tell: its
    /// <c>ContainsKey</c> answers whether a keyword exists, not whether it was given.
    /// </summary>
    private static bool Names(string connectionString, string setting)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(key => string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), setting, StringComparison.OrdinalIgnoreCase));
    }
}
