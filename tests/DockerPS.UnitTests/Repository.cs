namespace DockerPS.UnitTests;

/// <summary>The checkout the tests run from.</summary>
internal static class Repository
{
    /// <summary>The folder with DockerPS.psd1, above the test binaries.</summary>
    public static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DockerPS.psd1")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (DockerPS.psd1) was not found above the test binaries.");
    }
}
