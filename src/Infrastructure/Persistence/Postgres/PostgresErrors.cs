using Npgsql;

namespace Transcendence.Infrastructure.Persistence.Postgres;

internal static class PostgresErrors
{
    /// <summary>True when <paramref name="exception"/> is a unique-index violation of <paramref name="index"/>.</summary>
    public static bool IsUniqueViolation(this PostgresException exception, string index) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == index;
}
