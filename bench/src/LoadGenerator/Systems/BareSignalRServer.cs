using System.Diagnostics;
using Transcendence.LoadGenerator.Processes;

namespace Transcendence.LoadGenerator.Systems;

/// <summary>The floor: bench/src/BareServer (a group-broadcast hub and bare Npgsql endpoints), Release.</summary>
public static class BareSignalRServer
{
    public static Task<ServerProcess> StartAsync(
        BenchContext context,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(context.BareServerAssembly)! };
        start.ArgumentList.Add(context.BareServerAssembly);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return ServerProcess.StartAsync($"bare-{port}", start, baseAddress, "/health", context.LogDirectory, cancellationToken);
    }
}
