namespace FastVlm.DocPipeline.Model;

/// <summary>
/// What <see cref="IDocumentVisionModel.ProposeAlternativesAsync"/> found: the alternative answers, most doubtful branch
/// first, each a whole answer (the answer's tokens before the branch, then the branch's), and the tokens decoded for them.
/// </summary>
public sealed record ProposedAlternatives(IReadOnlyList<GenerationResult> Answers, int DecodedTokens)
{
    public static ProposedAlternatives None { get; } = new([], 0);
}
