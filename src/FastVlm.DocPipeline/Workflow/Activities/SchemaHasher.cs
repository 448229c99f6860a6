using System.Security.Cryptography;
using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Content hash of a schema: SHA-256 (lowercase hex) of its JSON without the description, i.e. of
/// everything that changes what is asked or how answers are read (fields, questions, types, values,
/// hints, locale, currency, review threshold); not the <c>classifyAs</c> labels.
/// </summary>
public static class SchemaHasher
{
    public static string Compute(ExtractionSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(schema with { Description = null, ClassifyAs = null }, ResultJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
