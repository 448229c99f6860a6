using System.Security.Cryptography;
using System.Text;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// Deterministic document ids: the first 128 bits (32 hex digits) of
/// <c>SHA-256("{sha256 of the bytes}\n{schema name}\n{schema version}\n{schema content hash}")</c>. Same bytes
/// and schema → same id, wherever the file lives or whatever it is called; a schema whose fields or
/// questions changed (even without a version bump) is a new document, so no page is skipped as "done"
/// with answers to other questions. A document cut out of a bundled file adds its page range to the key; a
/// classified file's own record (<see cref="ForClassifiedSource"/>) keys on the candidate schemas instead.
/// </summary>
public static class DocumentIdentity
{
    public static string Compute(string contentSha256, string schemaName, string schemaVersion, string schemaHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentSha256);
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaName);
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaHash);
        var key = $"{contentSha256.ToLowerInvariant()}\n{schemaName}\n{schemaVersion}\n{schemaHash}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The id of pages <paramref name="firstPage"/>–<paramref name="lastPage"/> of a bundled file extracted as one document.</summary>
    public static string ForPart(string contentSha256, int firstPage, int lastPage, string schemaName, string schemaVersion, string schemaHash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstPage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastPage, firstPage);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentSha256);
        return Compute($"{contentSha256.ToLowerInvariant()}\npages {firstPage}-{lastPage}", schemaName, schemaVersion, schemaHash);
    }

    /// <summary>The id of a classified file's own record (its parts when split, its error when it could not be classified).</summary>
    public static string ForClassifiedSource(string contentSha256, IEnumerable<string> candidateSchemaHashes, bool split)
    {
        ArgumentNullException.ThrowIfNull(candidateSchemaHashes);
        var candidates = string.Join(",", candidateSchemaHashes.Order(StringComparer.Ordinal));
        var candidatesHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(candidates)));
        return Compute(contentSha256, ClassificationRequest.AutoSchemaName, split ? "split" : "classify", candidatesHash);
    }
}
