using System.Security.Cryptography;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// Documents from the local file system; names are paths (relative ones resolve against <see cref="BaseDirectory"/>).
/// The SHA-256 is computed up front by streaming the file once, then the content stream is opened at its start.
/// </summary>
public sealed class LocalFileDocumentSource(string? baseDirectory = null) : IDocumentSource
{
    private string BaseDirectory { get; } = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());

    public async Task<SourceDocument> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.GetFullPath(Path.Combine(BaseDirectory, name));
        if (!File.Exists(path))
        {
            throw new DocPipelineException("source.not_found", $"Input file {path} does not exist.");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            stream.Position = 0;
            var info = new SourceInfo(null, path, File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), sha256, stream.Length);
            return new SourceDocument(info, stream);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
