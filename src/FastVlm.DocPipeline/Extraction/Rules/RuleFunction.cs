namespace FastVlm.DocPipeline.Extraction.Rules;

public enum RuleFunction
{
    Sum,
    Count,
    Abs,
}
