using FastVlm.DocPipeline.Model.Engine;
using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace FastVlm.DocPipeline.Model;

/// <summary>Entry points for parity tests and diagnostics: what the engine computes on the way to an answer.</summary>
internal static class FastVlmEngineDiagnostics
{
    /// <summary>Like <see cref="FastVlmEngine.AskAsync"/>, on the calling thread (tests measure that thread's allocations).</summary>
    public static GenerationResult Ask(FastVlmEngine engine, IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        engine.Generate(engine.Prepare(image, userText, options), afterPrompt: null, cancellationToken);

    /// <summary>
    /// Like <see cref="FastVlmEngine.AskAsync"/>, also returning the first step's last-position logits and the prompt
    /// ids in the reference runtime's layout (the image token repeated once per image row).
    /// </summary>
    public static Task<(GenerationResult Result, float[] FirstLogits, int[] PromptIds)> AskWithFirstLogitsAsync(
        FastVlmEngine engine, IEncodedImage image, string userText, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var question = engine.Prepare(image, userText, options);
        return Task.Run(() =>
        {
            float[] firstLogits = [];
            var result = engine.Generate(question, generator => firstLogits = generator.CopyLastLogits(), cancellationToken);
            var promptIds = engine.Model.Prefix.ReferenceIds(question.Image.ImageTokenCount, question.Suffix);
            return (result, firstLogits, promptIds);
        }, cancellationToken);
    }

    /// <summary>
    /// Reference without any cache: one prefill over prompt + <paramref name="generated"/> and the greedy choice at
    /// each of the last <c>generated.Count + 1</c> positions. A correct cached decode chose exactly these.
    /// </summary>
    public static Task<int[]> GreedyWithoutCacheAsync(FastVlmEngine engine, IEncodedImage image, string userText, IReadOnlyList<int> generated, CancellationToken cancellationToken = default)
    {
        var question = engine.Prepare(image, userText, null);
        var model = engine.Model;
        return Task.Run(() =>
        {
            var encoded = question.Image;
            using var lease = encoded.Acquire();
            using var runOptions = new RunOptions();
            int[] ids = [.. question.Suffix, .. generated];
            using var embeds = engine.Splicer.Splice(runOptions, encoded.Features, encoded.ImageTokenCount, ids);
            using var feeds = model.Decoder.CreateFeeds(model.Prefix.Length(encoded.ImageTokenCount) + ids.Length);
            using var outputs = model.Decoder.Run(runOptions, embeds, 0, model.EmptyPast, withLogits: true, feeds);
            var logits = outputs.First();
            var shape = OrtTensors.Shape(logits);
            var rows = (int)shape[1];
            var vocab = (int)shape[2];
            var row = new float[vocab];
            var choices = new int[generated.Count + 1];
            for (var k = 0; k < choices.Length; k++)
            {
                OrtTensors.CopyToFloat(logits, (rows - choices.Length + k) * vocab, row);
                choices[k] = TokenChooser.Pick<float>(row, []).Token;
            }

            return choices;
        }, cancellationToken);
    }

    /// <summary>Like <see cref="FastVlmEngine.AskManyAsync"/>, on the calling thread, with one options object per question.</summary>
    public static IReadOnlyList<GenerationResult> AskMany(
        FastVlmEngine engine, IEncodedImage image, IReadOnlyList<(string UserText, GenerationOptions Options)> questions, int? maxBatchSize = null, CancellationToken cancellationToken = default) =>
        engine.GenerateMany(questions.Select(q => engine.Prepare(image, q.UserText, q.Options)).ToArray(), maxBatchSize, cancellationToken);

    /// <summary>Like <see cref="FastVlmEngine.ScoreCandidatesAsync"/> for answers given as ids (each ending with its closing token).</summary>
    public static Task<IReadOnlyList<double>> ScoreTokensAsync(FastVlmEngine engine, IEncodedImage image, string userText, IReadOnlyList<int[]> answers, CancellationToken cancellationToken = default)
    {
        var question = engine.Prepare(image, userText, null);
        return Task.Run(() => engine.ScoreTokens(question, answers, cancellationToken), cancellationToken);
    }

    /// <summary>Ids of a candidate answer as <see cref="FastVlmEngine.ScoreCandidatesAsync"/> scores it: its tokens, then the end-of-turn token.</summary>
    public static int[] AnswerIds(FastVlmEngine engine, string answer) => [.. engine.Model.Tokenizer.EncodeAnswer(answer), engine.Model.Tokenizer.EndOfTurnId];

    /// <summary>
    /// Reference log-probabilities by teacher forcing: the single-question generator prefills the question, then
    /// feeds <paramref name="tokens"/> one decode step at a time, reading each token's log-probability before feeding it.
    /// </summary>
    public static Task<double[]> TeacherForcedLogprobsAsync(FastVlmEngine engine, IEncodedImage image, string userText, IReadOnlyList<int> tokens, CancellationToken cancellationToken = default)
    {
        var question = engine.Prepare(image, userText, new GenerationOptions { MaxNewTokens = Math.Max(1, tokens.Count) });
        return Task.Run(() =>
        {
            using var generator = new Generator(engine.Model, engine.Splicer, question, cancellationToken);
            generator.AppendPrompt();
            return tokens.Select(generator.Force).ToArray();
        }, cancellationToken);
    }

    /// <summary>The next-token logits after the prompt and <paramref name="generated"/>, by the single-question cached generator.</summary>
    public static Task<float[]> LogitsAfterAsync(FastVlmEngine engine, IEncodedImage image, string userText, IReadOnlyList<int> generated, CancellationToken cancellationToken = default)
    {
        var question = engine.Prepare(image, userText, new GenerationOptions { MaxNewTokens = generated.Count + 1 });
        return Task.Run(() =>
        {
            using var generator = new Generator(engine.Model, engine.Splicer, question, cancellationToken);
            generator.AppendPrompt();
            foreach (var token in generated)
            {
                generator.Force(token);
            }

            return generator.CopyLastLogits();
        }, cancellationToken);
    }
}
