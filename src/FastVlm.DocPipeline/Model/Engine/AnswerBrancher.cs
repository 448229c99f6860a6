namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// Alternatives to one answer by branching at its least confident generated tokens (the stop token excluded). A
/// branch prefills the question and the answer's tokens before the branch point in one run on the page's cached
/// prefix, takes the best token other than the answer's there, then decodes greedily like any answer. Branches run
/// one after another, so the decoded tokens are counted exactly against the call's budget; a branch that the budget
/// (not its own token limit) cuts short is dropped, as an unfinished answer.
/// </summary>
internal static class AnswerBrancher
{
    public static ProposedAlternatives Propose(
        FastVlmModel model, EmbeddingSplicer splicer, GeneratorParams question, GenerationResult answer, AlternativeOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var alternatives = new List<GenerationResult>(options.MaxAlternatives);
        var spent = 0;
        foreach (var position in BranchPositions(answer, options))
        {
            var room = options.MaxNewTokens - position;
            var budget = options.MaxDecodeTokens - spent;
            if (budget <= 0)
            {
                break;
            }

            var branch = Decode(model, splicer, question, answer, position, Math.Min(room, budget), cancellationToken);
            spent += branch.TokenIds.Count;
            if (branch.FinishReason == FinishReason.Length && budget < room)
            {
                continue;
            }

            alternatives.Add(Join(model, question, answer, position, branch));
        }

        return new ProposedAlternatives(alternatives, spent);
    }

    /// <summary>The positions of the answer's <see cref="AlternativeOptions.MaxAlternatives"/> least likely tokens, least likely first (ties: earlier first).</summary>
    private static int[] BranchPositions(GenerationResult answer, AlternativeOptions options)
    {
        var content = answer.FinishReason == FinishReason.Stop ? answer.TokenIds.Count - 1 : answer.TokenIds.Count;
        return Enumerable.Range(0, Math.Min(content, options.MaxNewTokens))
            .OrderBy(i => answer.TokenLogprobs[i])
            .ThenBy(i => i)
            .Take(options.MaxAlternatives)
            .ToArray();
    }

    /// <summary>The branch's own tokens: the best token at <paramref name="position"/> other than the answer's, then greedy ones.</summary>
    private static GenerationResult Decode(
        FastVlmModel model, EmbeddingSplicer splicer, GeneratorParams question, GenerationResult answer, int position, int maxNewTokens, CancellationToken cancellationToken)
    {
        var branch = question with
        {
            Suffix = [.. question.Suffix, .. answer.TokenIds.Take(position)],
            PromptLength = question.PromptLength + position,
            MaxNewTokens = maxNewTokens,
            MinNewTokens = 0,
        };
        using var generator = new Generator(model, splicer, branch, cancellationToken);
        generator.AppendPrompt();
        generator.GenerateNextToken(answer.TokenIds[position]);
        while (!generator.IsDone)
        {
            generator.GenerateNextToken();
        }

        return generator.Result();
    }

    /// <summary>The whole alternative: the answer's tokens (and their log-probabilities) before the branch, then the branch's.</summary>
    private static GenerationResult Join(FastVlmModel model, GeneratorParams question, GenerationResult answer, int position, GenerationResult branch)
    {
        int[] ids = [.. answer.TokenIds.Take(position), .. branch.TokenIds];
        float[] logprobs = [.. answer.TokenLogprobs.Take(position), .. branch.TokenLogprobs];
        return branch with
        {
            Text = model.Tokenizer.Decode(ids),
            TokenIds = ids,
            TokenLogprobs = logprobs,
            PromptTokenCount = question.PromptLength,
        };
    }
}
