using System.Data;
using Dapper;

namespace Transcendence.Infrastructure.Persistence.Postgres;

/// <summary>Dapper settings the whole Postgres store relies on, applied once per process.</summary>
internal static class DapperConventions
{
    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return;
        }

        // snake_case columns map to PascalCase properties without aliases in every query.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
    }

    /// <summary>
    /// Npgsql reads <c>timestamptz</c> as a UTC <see cref="DateTime"/> and writes only UTC values into it;
    /// the domain speaks <see cref="DateTimeOffset"/>. This handler bridges the two, always in UTC.
    /// </summary>
    private sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.DateTime;
            parameter.Value = value.UtcDateTime;
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            DateTimeOffset offset => offset.ToUniversalTime(),
            _ => throw new DataException($"cannot read {value.GetType()} as a point in time"),
        };
    }
}
