using System.Globalization;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Classification;
using FastVlm.DocPipeline.Workflow;

namespace FastVlm.DocPipeline.Functions.Schemas;

/// <summary>
/// What the schema <c>auto</c> (in <c>Pipeline__Schema</c>, a <c>Pipeline__DefaultSchemas</c> entry or a submit
/// request) classifies among: <c>Pipeline__ClassifyCandidates</c> (<c>"invoice;receipt"</c>) and whether it splits
/// bundled files (<c>Pipeline__ClassifySplit</c>).
/// </summary>
public sealed class ClassificationSettings
{
    public ClassificationSettings(string? candidates, string? split)
    {
        Candidates = (candidates ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(SchemaReference.Parse)
            .ToArray();
        Split = string.IsNullOrWhiteSpace(split) ? false : bool.TryParse(split, out var value) ? value : throw new DocPipelineException(
            FunctionsErrorCodes.ClassifySettingsInvalid,
            string.Create(CultureInfo.InvariantCulture, $"Setting Pipeline__ClassifySplit is '{split}'; write true or false."));
    }

    public IReadOnlyList<SchemaReference> Candidates { get; }

    public bool Split { get; }

    /// <summary>Loads the candidate schemas from the catalog and checks that their labels can be told apart.</summary>
    /// <exception cref="DocPipelineException">Fewer than two candidates, a label shared by two of them, or a candidate missing from the catalog.</exception>
    public async Task<ClassificationRequest> ResolveAsync(ISchemaCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var schemas = new List<ExtractionSchema>();
        foreach (var reference in Candidates)
        {
            schemas.Add(await catalog.GetAsync(reference, cancellationToken).ConfigureAwait(false));
        }

        ClassificationLabels.For(schemas);
        return new ClassificationRequest { Candidates = schemas, Split = Split };
    }
}
