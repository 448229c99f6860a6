namespace FastVlm.DocPipeline.Tests.TestSupport;

/// <summary>
/// Files in another project's build output, built with the same configuration and target framework as these
/// tests (they run from tests/.../bin/{Configuration}/{tfm}/).
/// </summary>
internal static class BuildOutputs
{
    public static string Of(string projectDirectory, string file)
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return RepoPaths.Of($"{projectDirectory}/bin/{tfm.Parent!.Name}/{tfm.Name}/{file}");
    }

    /// <summary>
    /// The CLI as built in its own folder. The copy next to the tests lacks the assemblies this test project
    /// takes from the ASP.NET Core shared framework (through the Functions app), which `dotnet docpipe.dll` has not.
    /// </summary>
    public static string DocpipeDll => Of("src/FastVlm.DocPipeline.Cli", "docpipe.dll");
}
