namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>
/// Finds the model directory: <c>--model</c>, else <c>DOCPIPE_MODEL</c>, else <c>./.models/default</c>, else
/// <c>~/.docpipe/model</c>. A directory counts when it holds <c>config.json</c>.
/// </summary>
internal static class ModelLocator
{
    public const string EnvironmentVariable = "DOCPIPE_MODEL";

    public static readonly string LocalDefault = Path.Combine(".models", "default");

    public static string UserDefault => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docpipe", "model");

    /// <summary>The model directory to use, or null when none is configured (the message says how to get one).</summary>
    public static string? Locate(string? option, out string problem)
    {
        problem = "";
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Check(option, "--model", out problem);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Check(fromEnvironment, EnvironmentVariable, out problem);
        }

        foreach (var candidate in new[] { LocalDefault, UserDefault })
        {
            if (File.Exists(Path.Combine(candidate, "config.json")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        problem = "No model is configured (no --model, no " + EnvironmentVariable + ", nothing in ./.models/default or ~/.docpipe/model).";
        return null;
    }

    public static string HowToGetOne() =>
        "Get one with either of:" + Environment.NewLine
        + "  docpipe model fetch --out .models/default                 # the real FastVLM-0.5B ONNX export (needs internet)" + Environment.NewLine
        + "  docpipe model synth --preset tiny --out .models/default   # random weights: tries the pipeline, answers are meaningless" + Environment.NewLine
        + "then run again (or pass --model DIR, or set " + EnvironmentVariable + ").";

    /// <summary>True for directories made by <c>docpipe model synth</c> (their config.json has a <c>synthetic</c> section).</summary>
    public static bool IsSynthetic(string modelDirectory)
    {
        try
        {
            using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(modelDirectory, "config.json")));
            return config.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && config.RootElement.TryGetProperty("synthetic", out _);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string? Check(string directory, string origin, out string problem)
    {
        if (File.Exists(Path.Combine(directory, "config.json")))
        {
            problem = "";
            return Path.GetFullPath(directory);
        }

        problem = $"The model directory '{directory}' (from {origin}) has no config.json: it is not a FastVLM model directory.";
        return null;
    }
}
