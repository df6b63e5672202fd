using Transcendence.TestSupport;

namespace Transcendence.LoadGenerator.Systems;

/// <summary>
/// The PostgreSQL server for the Postgres systems: the same throwaway cluster the test suite starts from
/// the machine's binaries (or <c>TRANSCENDENCE_TEST_POSTGRES</c>), one empty database per system.
/// The cluster is stopped when the load generator exits.
/// </summary>
public static class BenchPostgres
{
    public static Task<string> CreateDatabaseAsync() => PostgresTestServer.Instance.CreateEmptyDatabaseAsync();

    public static void Stop() => PostgresTestServer.StopIfStarted();
}
