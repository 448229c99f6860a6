using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>A review write that cannot be applied; <see cref="DocPipelineException.Code"/> is one of <see cref="ReviewErrorCodes"/>.</summary>
public sealed class ReviewException : DocPipelineException
{
    public ReviewException(string code, string message)
        : base(code, message)
    {
    }

    /// <summary>For <see cref="ReviewErrorCodes.Conflict"/>: the document's current etag, to reload and retry against.</summary>
    public string? CurrentETag { get; init; }

    /// <summary>For <see cref="ReviewErrorCodes.ConfirmationRequired"/>: how many flagged fields an approval would accept unseen.</summary>
    public int? FlaggedFields { get; init; }
}
