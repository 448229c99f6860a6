using FastVlm.DocPipeline.Contracts.Ports;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>A real file source whose file is replaced with other bytes just before open number <c>replaceBeforeOpen</c>.</summary>
internal sealed class ChangingDocumentSource(IDocumentSource inner, string path, byte[] replacement, int replaceBeforeOpen) : IDocumentSource
{
    private int _opens;

    public int Opens => _opens;

    public Task<SourceDocument> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _opens) == replaceBeforeOpen)
        {
            File.WriteAllBytes(path, replacement);
        }

        return inner.OpenAsync(name, cancellationToken);
    }
}
