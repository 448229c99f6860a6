namespace FastVlm.DocPipeline.Tests.Workflow;

/// <summary>Locates the repository root (the folder holding FastVlm.DocPipeline.sln) from the test binaries.</summary>
internal static class WorkflowTestPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FastVlm.DocPipeline.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}
