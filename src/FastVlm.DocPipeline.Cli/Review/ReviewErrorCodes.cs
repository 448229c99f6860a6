namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>Stable <c>code</c> values of the review API's error responses.</summary>
internal static class ReviewErrorCodes
{
    public const string DocumentNotFound = "review.document_not_found";
    public const string FieldNotFound = "review.field_not_found";
    public const string PageNotFound = "review.page_not_found";
    public const string BodyInvalid = "review.body_invalid";
    public const string ValueInvalid = "review.value_invalid";
    public const string CsrfHeaderMissing = "review.csrf_header_missing";
}
