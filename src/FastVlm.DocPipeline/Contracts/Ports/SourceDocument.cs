using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Contracts.Ports;

/// <summary>An opened input document; dispose to release the stream.</summary>
public sealed class SourceDocument(SourceInfo info, Stream content) : IDisposable
{
    /// <summary>Container, name, etag, size; <c>Sha256</c> may be empty until computed while reading.</summary>
    public SourceInfo Info { get; } = info;

    public Stream Content { get; } = content;

    public void Dispose() => Content.Dispose();
}
