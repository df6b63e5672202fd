namespace Transcendence.LoadGenerator;

/// <summary>Where things are (the repository's built outputs, the results folder) and the run's options.</summary>
public sealed class BenchContext
{
    public BenchContext(BenchOptions options)
    {
        Options = options;
        RepositoryRoot = FindRepositoryRoot();
        ResultsDirectory = Path.Combine(RepositoryRoot, "bench", "results");
        LogDirectory = Path.Combine(ResultsDirectory, "logs", options.Scenario);
        Directory.CreateDirectory(LogDirectory);
    }

    public BenchOptions Options { get; }

    public string RepositoryRoot { get; }

    public string ResultsDirectory { get; }

    public string LogDirectory { get; }

    /// <summary>The app as <c>bench/run.sh</c> built it (Release).</summary>
    public string WebAssembly => BuiltAssembly("src/Web", "Transcendence.Web.dll");

    public string BareServerAssembly => BuiltAssembly("bench/src/BareServer", "Transcendence.BareServer.dll");

    public string PeersDirectory => Path.Combine(RepositoryRoot, "bench", "peers");

    private string BuiltAssembly(string project, string file)
    {
        var path = Path.Combine(RepositoryRoot, project, "bin", "Release", "net10.0", file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build it with bench/run.sh (dotnet build -c Release)");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Transcendence.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Transcendence.sln not found above the load generator");
    }
}
