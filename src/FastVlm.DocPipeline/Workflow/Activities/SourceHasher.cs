using System.Security.Cryptography;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Reads a source once into a local spool file while hashing it, so every reader of a run sees one pinned
/// content: when <c>expectedSha256</c> is given and the bytes differ (the file was replaced, the blob
/// overwritten) it fails with <see cref="WorkflowErrorCodes.SourceChanged"/>. The same check for files
/// and blobs, in every host.
/// </summary>
public static class SourceHasher
{
    /// <summary>Streams the source once (nothing kept) for its SHA-256 and size, with the rest of its info.</summary>
    public static async Task<SourceInfo> HashAsync(IDocumentSource source, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var document = await source.OpenAsync(name, cancellationToken).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await document.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        return document.Info with { Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()), Size = size };
    }

    public static async Task<SourceDocument> OpenPinnedAsync(
        IDocumentSource source,
        string name,
        string? expectedSha256,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), $"docpipe-src-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            SourceInfo info;
            using (var document = await source.OpenAsync(name, cancellationToken).ConfigureAwait(false))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                long size = 0;
                int read;
                while ((read = await document.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                info = document.Info with { Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()), Size = size };
            }

            if (expectedSha256 is not null && !string.Equals(info.Sha256, expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new DocPipelineException(
                    WorkflowErrorCodes.SourceChanged,
                    $"'{name}' changed while it was being processed (SHA-256 {expectedSha256[..12]}… at the start, now {info.Sha256[..12]}…); "
                    + "this run stops, and the new content is processed as its own document.");
            }

            spool.Position = 0;
            return new SourceDocument(info, spool);
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
