namespace FastVlm.DocPipeline.Extraction.Classification;

/// <summary>
/// The two questions classification asks of a page. Both are answered by scoring fixed candidates (the labels,
/// or Yes/No), never by free text, so the answer is always one of them.
/// </summary>
public static class ClassificationPrompts
{
    /// <summary>Candidates of <see cref="StartsNewDocument"/>, in this order.</summary>
    public static IReadOnlyList<string> YesNo { get; } = ["Yes", "No"];

    public const string StartsNewDocument = "Does this page start a new document? Answer Yes or No.";

    /// <summary>"What type of document is this? Answer with one of: invoice, receipt." The labels are listed so the model knows the choices.</summary>
    public static string DocumentType(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return $"What type of document is this? Answer with one of: {string.Join(", ", labels)}.";
    }
}
