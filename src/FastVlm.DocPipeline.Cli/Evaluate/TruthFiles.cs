using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Cli.Evaluate;

/// <summary>Ground truth beside a document: <c>invoice.pdf</c> → <c>invoice.truth.json</c> (field name → expected value).</summary>
internal static class TruthFiles
{
    public const string Suffix = ".truth.json";

    public static string PathFor(string document) =>
        Path.Combine(Path.GetDirectoryName(document) ?? ".", Path.GetFileNameWithoutExtension(document) + Suffix);

    public static async Task<JsonObject> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new TruthInvalidException(Path.GetFileName(path), $"{path} must hold a JSON object (field name → expected value).");
        }
        catch (JsonException e)
        {
            throw new TruthInvalidException(Path.GetFileName(path), $"{path} is not valid JSON: {e.Message}");
        }
    }
}
