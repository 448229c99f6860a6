using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// Scores whole answers instead of generating one: every candidate's tokens are appended to the question and all
/// candidates are prefilled as one padded batch on the page's cached prefix (<see cref="PaddedPrefill"/>); the
/// score is the sum of the log-probabilities the model gives each candidate token, then the end-of-turn token.
/// </summary>
internal static class CandidateScorer
{
    /// <summary>Total log-probability of each of <paramref name="answers"/> (ids, each ending with the token that closes the answer).</summary>
    public static double[] Score(FastVlmModel model, EmbeddingSplicer splicer, GeneratorParams question, IReadOnlyList<int[]> answers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (answers.Count == 0)
        {
            return [];
        }

        var image = question.Image;
        if (!image.HasPrefixCache)
        {
            throw new ArgumentException("Scoring needs an image encoded with its prefix cache (FastVlmEngineOptions.ReusePrefixCache).", nameof(question));
        }

        if (answers.Any(a => a.Length == 0))
        {
            throw new ArgumentException("Every candidate needs at least its closing token.", nameof(answers));
        }

        var longest = answers.Max(a => a.Length);
        var contextLength = model.Config.Text.MaxPositionEmbeddings;
        if (question.PromptLength + longest > contextLength)
        {
            throw new ModelInputException(ModelErrorCodes.PromptTooLong, $"Prompt ({question.PromptLength} tokens) plus a {longest}-token candidate exceeds the model's context of {contextLength} positions.");
        }

        var suffixes = answers.Select(a => (int[])[.. question.Suffix, .. a[..^1]]).ToArray();
        using var lease = image.Acquire();
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static options => ((RunOptions)options!).Terminate = true, runOptions);
        using var feeds = model.Decoder.CreateFeeds(1);
        using var outputs = PaddedPrefill.Run(model, splicer, runOptions, feeds, image, suffixes, logitColumns: longest);
        var logits = outputs.First();
        var shape = OrtTensors.Shape(logits);
        var rows = checked((int)shape[1]);
        var vocab = checked((int)shape[2]);
        var half = model.Decoder.LogitsType == TensorElementType.Float16;
        var scores = new double[answers.Count];
        for (var r = 0; r < scores.Length; r++)
        {
            var answer = answers[r];
            var end = (r + 1) * rows;
            for (var j = 0; j < answer.Length; j++)
            {
                var offset = (end - answer.Length + j) * vocab;
                scores[r] += half
                    ? TokenChooser.LogProb(OrtTensors.Read<Half>(logits).Slice(offset, vocab), answer[j])
                    : TokenChooser.LogProb(OrtTensors.Read<float>(logits).Slice(offset, vocab), answer[j]);
            }
        }

        return scores;
    }
}
