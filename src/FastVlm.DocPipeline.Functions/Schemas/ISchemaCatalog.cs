using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Functions.Schemas;

/// <summary>Where the app's schemas live (the <c>schemas</c> blob container in Azure).</summary>
public interface ISchemaCatalog
{
    /// <summary>Loads and validates a schema; the newest version when <see cref="SchemaReference.Version"/> is null.</summary>
    Task<ExtractionSchema> GetAsync(SchemaReference reference, CancellationToken cancellationToken = default);
}
