using System.Security.Cryptography;
using System.Text;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// Deterministic document ids: the first 128 bits (32 hex digits) of
/// <c>SHA-256("{sha256 of the bytes}\n{schema name}\n{schema version}\n{schema content hash}")</c>. Same bytes
/// and schema → same id, wherever the file lives or whatever it is called; a schema whose fields or
/// questions changed (even without a version bump) is a new document, so no page is skipped as "done"
/// with answers to other questions.
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
}
