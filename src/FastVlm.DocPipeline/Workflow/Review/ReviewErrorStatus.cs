namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>The one HTTP status of each <see cref="ReviewErrorCodes"/> code, for every host that serves the review API.</summary>
public static class ReviewErrorStatus
{
    public static int Of(string code) => code switch
    {
        ReviewErrorCodes.DocumentNotFound or ReviewErrorCodes.FieldNotFound => 404,
        ReviewErrorCodes.Conflict or ReviewErrorCodes.NotReviewable or ReviewErrorCodes.ConfirmationRequired or ReviewErrorCodes.NotApproved or ReviewErrorCodes.SchemaMissing => 409,
        ReviewErrorCodes.ValueInvalid or ReviewErrorCodes.AlternativeNotFound => 422,
        ReviewErrorCodes.ActionInvalid => 400,
        ReviewErrorCodes.ReviewerMissing or ReviewErrorCodes.Unauthenticated => 401,
        ReviewErrorCodes.Forbidden => 403,
        ReviewErrorCodes.ETagWeak => 412,
        _ => 500,
    };
}
