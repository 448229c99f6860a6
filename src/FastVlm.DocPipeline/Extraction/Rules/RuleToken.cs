namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>One token of a rule; <see cref="Position"/> is its 1-based column in the rule text.</summary>
internal readonly record struct RuleToken(RuleTokenKind Kind, string Text, int Position, decimal Number = 0);
