using Npgsql;
using Shouldly;
using Transcendence.Infrastructure.Persistence.Postgres;

namespace Transcendence.Infrastructure.IntegrationTests.Persistence;

/// <summary>The app's Npgsql defaults apply only where the connection string is silent.</summary>
[TestFixture]
public sealed class PostgresDataSourceFactoryTests
{
    private const string Server = "Host=127.0.0.1;Port=5432;Username=app;Database=app";

    [Test]
    public void A_plain_connection_string_gets_prepared_statements_and_no_reset_on_return()
    {
        using var dataSource = PostgresDataSourceFactory.Create(Server);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);

        settings.MaxAutoPrepare.ShouldBe(64);
        settings.AutoPrepareMinUsages.ShouldBe(2);
        settings.NoResetOnClose.ShouldBeTrue();
    }

    [TestCase("Max Auto Prepare=0;No Reset On Close=false")]
    [TestCase("maxautoprepare=0;noresetonclose=false")]
    public void Settings_the_connection_string_names_are_kept(string given)
    {
        using var dataSource = PostgresDataSourceFactory.Create($"{Server};{given}");
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);

        settings.MaxAutoPrepare.ShouldBe(0);
        settings.NoResetOnClose.ShouldBeFalse();
    }
}
