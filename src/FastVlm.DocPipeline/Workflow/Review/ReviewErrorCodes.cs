namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>Stable codes of <see cref="ReviewException"/>; HTTP hosts return them as the error body's <c>code</c>.</summary>
public static class ReviewErrorCodes
{
    public const string DocumentNotFound = "review.document_not_found";
    public const string FieldNotFound = "review.field_not_found";
    public const string NotReviewable = "review.not_reviewable";
    public const string Conflict = "review.conflict";
    public const string ValueInvalid = "review.value_invalid";
    public const string ActionInvalid = "review.action_invalid";
    public const string AlternativeNotFound = "review.alternative_not_found";
    public const string ReviewerMissing = "review.reviewer_missing";
    public const string Unauthenticated = "review.unauthenticated";
    public const string Forbidden = "review.forbidden";
    public const string ETagWeak = "review.etag_weak";

    /// <summary>An approval would accept flagged fields nobody has looked at; confirm with their count.</summary>
    public const string ConfirmationRequired = "review.confirmation_required";

    /// <summary>There is no approval to withdraw.</summary>
    public const string NotApproved = "review.not_approved";

    /// <summary>The document's schema could not be found in its run records.</summary>
    public const string SchemaMissing = "review.schema_missing";
}
