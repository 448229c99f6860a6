using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>A blob could not be processed because a service was unavailable; the host tries it again later.</summary>
internal sealed class IngestRetryException(string blobName, string code, Exception? innerException)
    : DocPipelineException(code, $"'{blobName}' could not be processed now ({code}); it will be retried.", innerException)
{
    public string BlobName { get; } = blobName;

    public override bool IsTransient => true;
}
