namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>Where results live: <c>--data</c>, else <c>DOCPIPE_DATA</c>, else <c>./.data</c>.</summary>
internal static class DataDirectory
{
    public const string EnvironmentVariable = "DOCPIPE_DATA";

    public static string Resolve(string? option) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : ".data");

    public static string Results(string root) => root;

    public static string PageImages(string root) => Path.Combine(root, "pages");
}
