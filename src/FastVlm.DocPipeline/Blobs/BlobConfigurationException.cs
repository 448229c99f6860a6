using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>Storage settings that cannot work (a malformed connection string or key, an invalid container name); fix them, retrying will not help.</summary>
public sealed class BlobConfigurationException(string code, string message, Exception? innerException = null)
    : DocPipelineException(code, message, innerException);
