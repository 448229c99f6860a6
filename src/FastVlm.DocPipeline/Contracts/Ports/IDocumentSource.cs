namespace FastVlm.DocPipeline.Contracts.Ports;

/// <summary>Where input documents are read from: local files or a blob container.</summary>
public interface IDocumentSource
{
    /// <summary>Opens a document for reading (a stream, never the whole file in memory).</summary>
    Task<SourceDocument> OpenAsync(string name, CancellationToken cancellationToken = default);
}
