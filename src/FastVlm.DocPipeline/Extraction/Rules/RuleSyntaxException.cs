using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>A rule could not be read. The message names the rule and the column of the problem.</summary>
public sealed class RuleSyntaxException(string rule, int position, string problem)
    : DocPipelineException(ExtractionErrorCodes.RuleInvalid, $"rule '{rule}', column {position}: {problem}")
{
    public string Rule { get; } = rule;

    /// <summary>1-based column of the problem in <see cref="Rule"/>.</summary>
    public int Position { get; } = position;

    public string Problem { get; } = problem;
}
