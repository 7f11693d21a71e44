namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>Where the repository and the built web project are, found from the test assembly.</summary>
public static class SolutionPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "Longan.Appraisal.Web");

    /// <summary>The web project's own build output, in the configuration the tests were built in.</summary>
    public static string WebAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            return Path.Combine(WebProject, "bin", configuration, "net10.0", "Longan.Appraisal.Web.dll");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Longan.Appraisal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Longan.Appraisal.sln not found above " + AppContext.BaseDirectory);
    }
}
