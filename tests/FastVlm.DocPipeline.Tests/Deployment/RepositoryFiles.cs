namespace FastVlm.DocPipeline.Tests.Deployment;

/// <summary>Files of the repository the tests run from (found by walking up to the solution file).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FastVlm.DocPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"FastVlm.DocPipeline.sln not found above {AppContext.BaseDirectory}.");
    }
}
