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
    public const string HostNotAllowed = "review.host_not_allowed";
    public const string OriginRefused = "review.origin_refused";
    public const string TokenRequired = "review.token_required";
    public const string TokenInvalid = "review.token_invalid";
    public const string TokenFileInvalid = "review.token_file_invalid";
    public const string PublicHostInvalid = "review.public_host_invalid";
    public const string EasyAuthOffPlatform = "review.easyauth_off_platform";
    public const string Internal = "review.internal";
    public const string SignInPending = "review.sign_in_pending";
}
