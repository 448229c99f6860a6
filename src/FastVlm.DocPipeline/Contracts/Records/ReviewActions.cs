namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>What a reviewer did (<see cref="ReviewDecision.Action"/>).</summary>
public static class ReviewActions
{
    /// <summary>The model's answer was kept.</summary>
    public const string Accepted = "accepted";

    /// <summary>The reviewer typed another value.</summary>
    public const string Edited = "edited";

    /// <summary>The reviewer picked one of the field's <see cref="FieldResult.Alternatives"/>.</summary>
    public const string Alternative = "alternative";

    /// <summary>The reviewer approved the whole document.</summary>
    public const string Approved = "approved";

    /// <summary>The reviewer withdrew the document's approval.</summary>
    public const string ApprovalWithdrawn = "approval_withdrawn";

    public static bool IsFieldAction(string action) => action is Accepted or Edited or Alternative;
}
