using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>
/// A rule could not be read. The message names the rule and the column of the problem; characters a reader
/// cannot see are written as their code point (<c>&lt;U+200B&gt;</c>, see <see cref="VisibleText"/>).
/// </summary>
public sealed class RuleSyntaxException(string rule, int position, string problem)
    : DocPipelineException(ExtractionErrorCodes.RuleInvalid, $"rule '{VisibleText.Of(rule)}', column {position}: {VisibleText.Of(problem)}")
{
    public string Rule { get; } = rule;

    /// <summary>1-based column of the problem in <see cref="Rule"/>.</summary>
    public int Position { get; } = position;

    public string Problem { get; } = problem;
}
