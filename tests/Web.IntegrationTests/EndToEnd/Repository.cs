namespace Transcendence.Web.IntegrationTests.EndToEnd;

/// <summary>The repository the tests were built from: the client's sources and the screenshots folder are read from it.</summary>
internal static class Repository
{
    public static readonly string Root = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Transcendence.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Transcendence.sln) was not found above the test binaries");
    }
}
