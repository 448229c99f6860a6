using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>A source's content as pinned for a run (a seekable local copy) and what it was pinned as.</summary>
public sealed class PinnedSource(SourceInfo info, Stream content) : IDisposable
{
    public SourceInfo Info { get; } = info;

    public Stream Content { get; } = content;

    public void Dispose() => Content.Dispose();
}
