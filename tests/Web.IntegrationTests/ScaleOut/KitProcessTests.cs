using System.IO.Pipes;
using Transcendence.TestSupport;
using Transcendence.Web.IntegrationTests.Infrastructure;

namespace Transcendence.Web.IntegrationTests.ScaleOut;

/// <summary>
/// The processes the kits start hold none of the test process's descriptors: one that outlived a killed test run
/// would otherwise keep <c>dotnet test</c>'s caller waiting on a pipe it inherited.
/// </summary>
public sealed class KitProcessTests
{
    [Test]
    public async Task An_app_process_does_not_inherit_the_test_process_s_descriptors()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Fail("this test reads /proc: run it on Linux (the CI image, or the dev container)");
        }

        // An inheritable pipe stands in for one the test process inherited from its caller.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.Inheritable);
        var held = new FileInfo($"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}").LinkTarget!;
        await using var app = await RunningWebProcess.StartAsync(new Dictionary<string, string> { ["Auth__Jwt__SigningKey"] = TestKeys.JwtSigningKey });

        var descriptors = Directory.EnumerateFileSystemEntries($"/proc/{app.ProcessId}/fd").Select(entry => new FileInfo(entry).LinkTarget).ToList();

        descriptors.ShouldNotContain(held, $"the app process holds the test's {held}");
    }
}
