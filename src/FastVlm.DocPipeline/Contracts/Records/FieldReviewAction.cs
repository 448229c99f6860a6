namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>What a reviewer did with a field (<see cref="FieldCorrection.Action"/>).</summary>
public static class FieldReviewAction
{
    /// <summary>The model's answer was kept.</summary>
    public const string Accepted = "accepted";

    /// <summary>The reviewer typed another value.</summary>
    public const string Edited = "edited";

    /// <summary>The reviewer picked one of the field's <see cref="FieldResult.Alternatives"/>.</summary>
    public const string Alternative = "alternative";
}
