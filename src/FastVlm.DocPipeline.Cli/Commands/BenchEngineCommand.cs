using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Preprocessing;
using SkiaSharp;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>
/// <c>docpipe bench-engine</c> (hidden): measures the engine on one model, image and question — encoder, full-prompt
/// prefill, time to first token, decode speed, per-question prefill with the cached prefix, peak RSS — and writes
/// them as JSON with the image as raw RGB, so scripts/bench-engine.sh can run transformers.js on the same input.
/// </summary>
internal static class BenchEngineCommand
{
    public static Command Create()
    {
        var engineOptions = new EngineCliOptions();
        var outDir = new Option<string>("--out") { Description = "Directory for results.json and image.rgb.", Required = true };
        var tokens = new Option<int>("--tokens") { Description = "New tokens per answer (EOS suppressed).", DefaultValueFactory = _ => 32 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions after one warm-up (median reported).", DefaultValueFactory = _ => 3 };
        var question = new Option<string>("--question") { Description = "Question.", DefaultValueFactory = _ => "What is the total amount due?" };
        var command = new Command("bench-engine", "Benchmark the inference engine (see scripts/bench-engine.sh).") { Hidden = true };
        engineOptions.AddTo(command);
        command.Options.Add(outDir);
        command.Options.Add(tokens);
        command.Options.Add(repeats);
        command.Options.Add(question);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            return CommandErrors.RunAsync(parseResult, async () =>
            {
                var options = engineOptions.Read(parseResult);
                options.ImagePreprocessing = ImageResizeMode.ShortestEdgeCrop;
                var n = parseResult.GetValue(tokens);
                var reps = Math.Max(1, parseResult.GetValue(repeats));
                var text = parseResult.GetValue(question)!;
                var dir = Directory.CreateDirectory(parseResult.GetValue(outDir)!).FullName;

                var load = Stopwatch.StartNew();
                using var engine = await FastVlmEngine.LoadAsync(options, new StderrLogger(parseResult.InvocationConfiguration.Error), cancellationToken).ConfigureAwait(false);
                load.Stop();

                var image = RenderPage(engine.Config.ImageSize);
                await File.WriteAllBytesAsync(Path.Combine(dir, "image.rgb"), image.Pixels.ToArray(), cancellationToken).ConfigureAwait(false);
                var generation = new GenerationOptions { MaxNewTokens = n, MinNewTokens = n };

                var encodeMs = new List<double>();
                var prefillMs = new List<double>();
                var ttftMs = new List<double>();
                var tokensPerSecond = new List<double>();
                var prefixPrefillMs = new List<double>();
                var cachedPrefillMs = new List<double>();
                GenerationResult? last = null;
                for (var r = 0; r <= reps; r++)
                {
                    var encodedList = await engine.EncodeImagesAsync([image], prefillPrefix: false, cancellationToken).ConfigureAwait(false);
                    using var encoded = encodedList[0];
                    var result = await engine.AskAsync(encoded, text, generation, cancellationToken).ConfigureAwait(false);
                    var prefixWatch = Stopwatch.StartNew();
                    var withPrefixList = await engine.EncodeImagesAsync([image], prefillPrefix: true, cancellationToken).ConfigureAwait(false);
                    prefixWatch.Stop();
                    using var withPrefix = withPrefixList[0];
                    var cached = await engine.AskAsync(withPrefix, text, generation, cancellationToken).ConfigureAwait(false);
                    if (r == 0)
                    {
                        continue;
                    }

                    var t = result.Timings;
                    encodeMs.Add(t.Encode.TotalMilliseconds);
                    prefillMs.Add(t.Prefill.TotalMilliseconds);
                    ttftMs.Add(t.Encode.TotalMilliseconds + t.TimeToFirstToken.TotalMilliseconds);
                    tokensPerSecond.Add(t.DecodeTokensPerSecond);
                    prefixPrefillMs.Add(prefixWatch.Elapsed.TotalMilliseconds - withPrefix.EncodeTime.TotalMilliseconds);
                    cachedPrefillMs.Add(cached.Timings.Prefill.TotalMilliseconds);
                    if (!cached.TokenIds.SequenceEqual(result.TokenIds))
                    {
                        throw new InvalidOperationException("Prefix reuse changed the answer; the benchmark refuses to report.");
                    }

                    last = result;
                }

                var results = new
                {
                    runtime = "docpipe (ONNX Runtime " + typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version + ", .NET " + Environment.Version + ")",
                    model = engine.Descriptor,
                    imageSize = engine.Config.ImageSize,
                    promptTokens = last!.PromptTokenCount,
                    newTokens = last.TokenIds.Count,
                    tokenIds = last.TokenIds,
                    loadMs = load.Elapsed.TotalMilliseconds,
                    encoderMs = Median(encodeMs),
                    prefillMs = Median(prefillMs),
                    timeToFirstTokenMs = Median(ttftMs),
                    decodeTokensPerSecond = Median(tokensPerSecond),
                    prefixPrefillMs = Median(prefixPrefillMs),
                    cachedPrefixQuestionPrefillMs = Median(cachedPrefillMs),
                    peakRssMb = PeakMemory.ResidentMb(),
                };
                var json = JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true });
                await File.WriteAllTextAsync(Path.Combine(dir, "dotnet.json"), json, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(json).ConfigureAwait(false);
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>A square invoice-like page: text lines and a table, rendered with Skia.</summary>
    private static RgbImage RenderPage(int size)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var font = new SKFont(SKTypeface.Default, size / 40f);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            string[] lines = ["ACME Corporation", "Invoice no. 2024-0042", "Date: 2024-03-01", "", "Item            Qty    Price", "Widgets          12    99.50", "Gadgets           3   120.00", "", "Total due: EUR 1,554.00"];
            for (var i = 0; i < lines.Length; i++)
            {
                canvas.DrawText(lines[i], size / 12f, size / 8f + i * size / 20f, font, ink);
            }

            using var line = new SKPaint { Color = SKColors.Gray, StrokeWidth = 2 };
            canvas.DrawLine(size / 12f, size / 2f, size * 11 / 12f, size / 2f, line);
        }

        return RgbImage.FromRgbx(bitmap.GetPixelSpan(), bitmap.RowBytes, size, size);
    }
}
