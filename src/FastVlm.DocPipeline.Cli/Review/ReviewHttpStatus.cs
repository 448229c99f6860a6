using Microsoft.AspNetCore.Http;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>The HTTP status of each <see cref="ReviewErrorCodes"/> code.</summary>
internal static class ReviewHttpStatus
{
    public static int Of(string code) => code switch
    {
        ReviewErrorCodes.DocumentNotFound or ReviewErrorCodes.FieldNotFound => StatusCodes.Status404NotFound,
        ReviewErrorCodes.Conflict or ReviewErrorCodes.NotReviewable => StatusCodes.Status409Conflict,
        ReviewErrorCodes.ValueInvalid or ReviewErrorCodes.ActionInvalid or ReviewErrorCodes.AlternativeNotFound => StatusCodes.Status400BadRequest,
        ReviewErrorCodes.ReviewerMissing or ReviewErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ReviewErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ReviewErrorCodes.ETagWeak => StatusCodes.Status412PreconditionFailed,
        _ => StatusCodes.Status500InternalServerError,
    };
}
