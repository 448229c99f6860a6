using System.Text.Json;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Model.Parity;

/// <summary>Runs tests/peers/generate.mjs (transformers.js, offline) on a model directory and returns its live output.</summary>
internal static class TransformersJsPeer
{
    public sealed record Case(RgbImage Image, string Question);

    public sealed record Result(int[] PromptIds, int[] GeneratedIds, string Text, float[]? FirstLogits);

    public static async Task<IReadOnlyList<Result>> RunAsync(string model, IReadOnlyList<Case> cases, int maxNewTokens, int minNewTokens, string dtype = "fp32")
    {
        var work = Directory.CreateTempSubdirectory("fastvlm-peer-");
        try
        {
            var jobCases = new List<object>();
            for (var i = 0; i < cases.Count; i++)
            {
                var rgb = Path.Combine(work.FullName, $"{i}.rgb");
                await File.WriteAllBytesAsync(rgb, cases[i].Image.Pixels.ToArray());
                jobCases.Add(new { rgb, width = cases[i].Image.Width, height = cases[i].Image.Height, question = cases[i].Question });
            }

            var job = Path.Combine(work.FullName, "job.json");
            await File.WriteAllTextAsync(job, JsonSerializer.Serialize(new { model, dtype, maxNewTokens, minNewTokens, cases = jobCases }));
            var output = await NodePeer.RunAsync("generate.mjs", [job], TimeSpan.FromMinutes(5));
            using var doc = JsonDocument.Parse(output);
            return doc.RootElement.GetProperty("results").EnumerateArray().Select(r => new Result(
                r.GetProperty("promptIds").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                r.GetProperty("generatedIds").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                r.GetProperty("text").GetString()!,
                r.GetProperty("firstLogits").ValueKind == JsonValueKind.Array
                    ? r.GetProperty("firstLogits").EnumerateArray().Select(e => e.GetSingle()).ToArray()
                    : null)).ToArray();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
