namespace Transcendence.Web.IntegrationTests.Infrastructure;

/// <summary>The repository the tests were built from (the folder holding Transcendence.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Transcendence.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Transcendence.sln) is not above the test binaries");
    }
}
