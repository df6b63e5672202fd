using Transcendence.TestSupport;

namespace Transcendence.Infrastructure.IntegrationTests;

[SetUpFixture]
public sealed class AssemblySetUp
{
    [OneTimeTearDown]
    public void StopPostgres() => PostgresTestServer.StopIfStarted();
}
