using Transcendence.TestSupport;

namespace Transcendence.Web.IntegrationTests;

[SetUpFixture]
public sealed class AssemblySetUp
{
    [OneTimeTearDown]
    public void StopPostgres() => PostgresTestServer.StopIfStarted();
}
