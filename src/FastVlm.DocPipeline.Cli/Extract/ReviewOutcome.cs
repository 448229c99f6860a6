using FastVlm.DocPipeline.Workflow;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>What a run did to reviewers' work, for the extract output: "; 3 reviewed fields kept, 1 needs a new look".</summary>
internal static class ReviewOutcome
{
    public static string Describe(DocumentWorkflowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ReviewedFieldsKept == 0 && result.ReviewedFieldsStale == 0)
        {
            return "";
        }

        var kept = $"{result.ReviewedFieldsKept} reviewed field{(result.ReviewedFieldsKept == 1 ? "" : "s")} kept";
        return result.ReviewedFieldsStale == 0
            ? $"; {kept}"
            : $"; {kept}, {result.ReviewedFieldsStale} need{(result.ReviewedFieldsStale == 1 ? "s" : "")} a new look";
    }
}
