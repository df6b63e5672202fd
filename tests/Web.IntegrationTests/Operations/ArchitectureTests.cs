using System.Reflection;

namespace Transcendence.Web.IntegrationTests.Operations;

/// <summary>The dependency rule: nothing points outward.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Transcendence.Domain.Users.User).Assembly;
    private static readonly Assembly Application = typeof(Transcendence.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Transcendence.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;

    [Test]
    public void The_domain_references_only_the_runtime() =>
        References(Domain).ShouldAllBe(name => name.StartsWith("System") || name == "netstandard");

    [Test]
    public void The_application_references_the_domain_and_no_outer_layer()
    {
        References(Application).ShouldContain(Domain.GetName().Name!);
        References(Application).ShouldNotContain(Infrastructure.GetName().Name!);
        References(Application).ShouldNotContain(Web.GetName().Name!);
        References(Application).ShouldNotContain(name => name.StartsWith("Npgsql") || name.StartsWith("Dapper") || name.StartsWith("Microsoft.AspNetCore"));
    }

    [Test]
    public void Infrastructure_does_not_reference_the_web_layer() =>
        References(Infrastructure).ShouldNotContain(Web.GetName().Name!);

    private static List<string> References(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(reference => reference.Name!)];
}
