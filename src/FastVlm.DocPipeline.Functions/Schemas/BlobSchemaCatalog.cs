using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Functions.Schemas;

/// <summary>
/// Schemas from a blob container, one blob per version: <c>{name}/{version}.json</c>. Every load is validated
/// (<see cref="SchemaLoader.Parse"/>) and must declare the name and version its blob name says.
/// </summary>
public sealed class BlobSchemaCatalog(BlobContainerClient container) : ISchemaCatalog
{
    public async Task<ExtractionSchema> GetAsync(SchemaReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var version = reference.Version ?? await NewestVersionAsync(reference.Name, cancellationToken).ConfigureAwait(false);
        var blobName = $"{reference.Name}/{version}.json";
        string json;
        try
        {
            var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            json = content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw NotFound(reference);
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, container.Name, blobName);
        }

        var schema = SchemaLoader.Parse(json, $"{container.Name}/{blobName}");
        if (!string.Equals(schema.Name, reference.Name, StringComparison.Ordinal) || !string.Equals(schema.Version, version, StringComparison.Ordinal))
        {
            throw new DocPipelineException(
                FunctionsErrorCodes.SchemaMismatch,
                $"Schema blob '{container.Name}/{blobName}' declares '{schema.Name}' version '{schema.Version}'; store it as {schema.Name}/{schema.Version}.json.");
        }

        return schema;
    }

    private async Task<string> NewestVersionAsync(string name, CancellationToken cancellationToken)
    {
        var versions = new List<string>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, name + "/", cancellationToken).ConfigureAwait(false))
            {
                var rest = blob.Name[(name.Length + 1)..];
                if (rest.EndsWith(".json", StringComparison.Ordinal) && !rest.Contains('/'))
                {
                    versions.Add(rest[..^".json".Length]);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw NotFound(new SchemaReference(name, null));
        }
        catch (RequestFailedException e)
        {
            throw BlobStorageException.From(e, container.Name, name + "/");
        }

        return versions.Count == 0 ? throw NotFound(new SchemaReference(name, null)) : versions.Max(VersionComparer.Instance)!;
    }

    private DocPipelineException NotFound(SchemaReference reference) => new(
        FunctionsErrorCodes.SchemaNotFound,
        $"No schema '{reference}' in container '{container.Name}'; upload it as {reference.Name}/{{version}}.json or name one that exists.");

    /// <summary>Dotted versions compare part by part, numerically where both parts are numbers.</summary>
    private sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('.');
            var b = (y ?? "").Split('.');
            for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                var p = i < a.Length ? a[i] : "0";
                var q = i < b.Length ? b[i] : "0";
                var c = long.TryParse(p, out var m) && long.TryParse(q, out var n) ? m.CompareTo(n) : string.CompareOrdinal(p, q);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }
    }
}
