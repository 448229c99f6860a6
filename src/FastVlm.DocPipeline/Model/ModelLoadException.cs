using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Model;

/// <summary>
/// A model directory could not be loaded: a file is missing, a graph is corrupt, a graph's
/// inputs/outputs differ from the engine's contract, or a configuration value is bad.
/// <see cref="FilePath"/> names the file at fault when there is one.
/// </summary>
public sealed class ModelLoadException : DocPipelineException
{
    public ModelLoadException(string code, string message, string? filePath = null, Exception? innerException = null)
        : base(code, filePath is null ? message : $"{message} (file: {filePath})", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file the problem was found in, when there is one.</summary>
    public string? FilePath { get; }
}
