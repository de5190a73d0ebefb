namespace Mediation.IntegrationTests;

/// <summary>The checkout the tests run from: scripts and settings files live there.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mediation.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Mediation.sln not found above " + AppContext.BaseDirectory);
    }
}
