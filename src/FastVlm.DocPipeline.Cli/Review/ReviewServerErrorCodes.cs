namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// Stable <c>code</c> values of the review server's own errors; the review service's are
/// <see cref="Workflow.Review.ReviewErrorCodes"/>.
/// </summary>
internal static class ReviewServerErrorCodes
{
    public const string PageNotFound = "review.page_not_found";
    public const string BodyInvalid = "review.body_invalid";
    public const string BodyTooLarge = "review.body_too_large";
    public const string CsrfHeaderMissing = "review.csrf_header_missing";
    public const string ETagMissing = "review.etag_missing";
    public const string QueryInvalid = "review.query_invalid";
    public const string HostInvalid = "review.host_invalid";
    public const string InsecureBind = "review.insecure_bind";
}
