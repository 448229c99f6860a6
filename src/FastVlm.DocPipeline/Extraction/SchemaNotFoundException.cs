using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>A schema name is neither a file nor one of the built-in schemas.</summary>
public sealed class SchemaNotFoundException(string nameOrPath, IEnumerable<string> builtIn)
    : DocPipelineException(
        ExtractionErrorCodes.SchemaNotFound,
        $"No schema file '{nameOrPath}' and no built-in schema of that name. "
        + $"Pass a schema JSON file or one of: {string.Join(", ", builtIn)}.")
{
    public string NameOrPath { get; } = nameOrPath;
}
