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
}
