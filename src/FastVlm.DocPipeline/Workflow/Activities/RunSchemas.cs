using System.Collections.Concurrent;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Schemas by content hash for activities: read once per process from the run record that the prepare
/// activity stored, checked against the hash, then kept.
/// </summary>
public sealed class RunSchemas(IResultStore results)
{
    private readonly ConcurrentDictionary<string, ExtractionSchema> _byHash = new(StringComparer.Ordinal);

    public void Remember(string hash, ExtractionSchema schema) => _byHash.TryAdd(hash, schema);

    public async Task<ExtractionSchema> GetAsync(string documentId, string runId, string hash, CancellationToken cancellationToken)
    {
        if (_byHash.TryGetValue(hash, out var known))
        {
            return known;
        }

        var runs = await results.GetRunsAsync(documentId, cancellationToken).ConfigureAwait(false);
        var json = runs.FirstOrDefault(r => r.RunId == runId && r.SchemaHash == hash)?.SchemaJson;
        var schema = json is null ? null : JsonSerializer.Deserialize<ExtractionSchema>(json, ResultJson.Options);
        if (schema is null || SchemaHasher.Compute(schema) != hash)
        {
            throw new DocPipelineException(
                WorkflowErrorCodes.RunSchemaMissing,
                $"Run {runId} of document {documentId} has no stored schema with hash {hash[..12]}…; run the document again.");
        }

        return _byHash.GetOrAdd(hash, schema);
    }
}
