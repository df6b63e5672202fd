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
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!given.ContainsKey(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        if (!given.ContainsKey(nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }
}
