using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Transcendence.Infrastructure.Persistence.Postgres;

/// <summary>
/// The Data Protection key ring in the <c>data_protection_keys</c> table: keys live as long as the data
/// they protect (TOTP secrets, OAuth state and cookies), survive restarts and are shared by every
/// instance on the database. Synchronous because <see cref="IXmlRepository"/> is; the ring is read once
/// and cached by Data Protection.
/// </summary>
internal sealed class PostgresDataProtectionKeys(NpgsqlDataSource dataSource) : IXmlRepository
{
    private const string SelectSql = "select xml from data_protection_keys order by friendly_name";

    private const string InsertSql = """
        insert into data_protection_keys (friendly_name, xml) values (@friendlyName, @xml)
        on conflict (friendly_name) do update set xml = excluded.xml
        """;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return [.. connection.Query<string>(new CommandDefinition(SelectSql)).Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute(new CommandDefinition(InsertSql, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) }));
    }
}
