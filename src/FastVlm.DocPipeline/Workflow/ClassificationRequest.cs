using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Classification;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// <c>--schema auto</c>: choose the schema of a document among <see cref="Candidates"/> from its first page, or
/// with <see cref="Split"/> cut a bundled file into documents and choose one for each.
/// </summary>
public sealed record ClassificationRequest
{
    /// <summary>The schema name that asks for classification (CLI <c>--schema auto</c>, the Functions schema setting).</summary>
    public const string AutoSchemaName = "auto";

    /// <summary>Schema reference recorded on a file's own record when it was classified rather than extracted (a split bundle, or an unreadable file).</summary>
    public static Contracts.Records.SchemaRef SourceSchemaRef { get; } = new(AutoSchemaName, "1");

    public required IReadOnlyList<ExtractionSchema> Candidates { get; init; }

    /// <summary>Classify every page and split the file where a new document starts.</summary>
    public bool Split { get; init; }

    /// <summary>Confidence below which the class is kept but the document needs review.</summary>
    public double Threshold { get; init; } = PageClassifier.DefaultThreshold;

    public static bool IsAuto(string schema) => string.Equals(schema?.Trim(), AutoSchemaName, StringComparison.OrdinalIgnoreCase);
}
