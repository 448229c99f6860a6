using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>
/// <c>docpipe bench-pipeline</c> (hidden): the extraction work of every page of some PDFs — encode the page, answer
/// every schema field, normalise the answers — with the fields asked one after another (<c>--mode sequential</c>,
/// prefix reuse) or decoded together (<c>--mode batched</c>). Pages are rendered once up front at the model's size
/// and padded to a square, so every runtime of scripts/bench-pipeline.sh sees the same pixels (written as raw RGB
/// with the field prompts for the transformers.js peer).
/// </summary>
internal static class BenchPipelineCommand
{
    public static Command Create()
    {
        var engineOptions = new EngineCliOptions();
        var outDir = new Option<string>("--out") { Description = "Directory for the results, page images and prompts.", Required = true };
        var mode = new Option<string>("--mode") { Description = "sequential or batched.", DefaultValueFactory = _ => "batched" };
        var schemaOption = new Option<string>("--schema") { Description = "Schema name or file.", DefaultValueFactory = _ => "invoice" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Token limit for every field (default: the schema's)." };
        var maxPages = new Option<int?>("--max-pages") { Description = "Pages to time at most (in file order)." };
        var label = new Option<string?>("--label") { Description = "Name of the results file (default: the mode)." };
        var noPrefixReuse = new Option<bool>("--no-prefix-reuse")
        {
            Description = "Prefill every field's whole prompt (no shared prefix cache; batched falls back to one field at a time): how the 8-bit variants agree with transformers.js.",
        };
        var files = new Argument<string[]>("pdf") { Description = "PDF files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("bench-pipeline", "Benchmark page extraction (see scripts/bench-pipeline.sh).") { Hidden = true };
        engineOptions.AddTo(command);
        command.Options.Add(outDir);
        command.Options.Add(mode);
        command.Options.Add(schemaOption);
        command.Options.Add(maxTokens);
        command.Options.Add(maxPages);
        command.Options.Add(label);
        command.Options.Add(noPrefixReuse);
        command.Arguments.Add(files);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            return CommandErrors.RunAsync(parseResult.InvocationConfiguration.Error, async () =>
            {
                var batched = parseResult.GetValue(mode) switch
                {
                    "batched" => true,
                    "sequential" => false,
                    var other => throw new ArgumentException($"--mode must be sequential or batched, not '{other}'."),
                };
                var dir = Directory.CreateDirectory(parseResult.GetValue(outDir)!).FullName;
                var schema = await SchemaLoader.ResolveAsync(parseResult.GetValue(schemaOption)!, cancellationToken).ConfigureAwait(false);
                var tokenLimit = parseResult.GetValue(maxTokens);
                var fields = schema.Fields.Select(f => (Field: f, Prompt: FieldPrompt.Build(f), MaxNewTokens: tokenLimit ?? FieldPrompt.Options(f).MaxNewTokens)).ToArray();

                var load = Stopwatch.StartNew();
                var options = engineOptions.Read(parseResult);
                options.ReusePrefixCache = !parseResult.GetValue(noPrefixReuse);
                using var engine = await FastVlmEngine.LoadAsync(options, new StderrLogger(parseResult.InvocationConfiguration.Error), cancellationToken).ConfigureAwait(false);
                load.Stop();

                var size = engine.Config.ImageSize;
                var pages = await RenderAsync(engine, parseResult.GetValue(files)!, size, parseResult.GetValue(maxPages), cancellationToken).ConfigureAwait(false);
                await WritePeerInputsAsync(dir, pages, fields.Select(f => (f.Field.Name, f.Prompt, f.MaxNewTokens)).ToArray(), size, cancellationToken).ConfigureAwait(false);

                // Warm-up: first runs of a session pay for lazy initialisation.
                using (var warm = await engine.EncodeImageAsync(pages[0].Image, cancellationToken).ConfigureAwait(false))
                {
                    await engine.AskManyAsync(warm, [fields[0].Prompt, fields[1].Prompt], new GenerationOptions { MaxNewTokens = 2 }, cancellationToken).ConfigureAwait(false);
                    await engine.AskAsync(warm, fields[0].Prompt, new GenerationOptions { MaxNewTokens = 2 }, cancellationToken).ConfigureAwait(false);
                }

                var pageSeconds = new List<double>();
                var answers = new List<object>();
                var generatedTokens = 0;
                var breakdown = new List<object>();
                var ortBefore = FastVlmEngine.OnnxRuntimeRunTime;
                var wall = Stopwatch.StartNew();
                foreach (var page in pages)
                {
                    var watch = Stopwatch.StartNew();
                    using var encoded = await engine.EncodeImageAsync(page.Image, cancellationToken).ConfigureAwait(false);
                    var encodedAt = watch.Elapsed;
                    var results = new GenerationResult[fields.Length];
                    if (batched)
                    {
                        foreach (var group in Enumerable.Range(0, fields.Length).GroupBy(i => fields[i].MaxNewTokens))
                        {
                            var indices = group.ToArray();
                            var many = await engine.AskManyAsync(encoded, indices.Select(i => fields[i].Prompt).ToArray(), new GenerationOptions { MaxNewTokens = group.Key }, cancellationToken).ConfigureAwait(false);
                            for (var k = 0; k < indices.Length; k++)
                            {
                                results[indices[k]] = many[k];
                            }
                        }
                    }
                    else
                    {
                        for (var i = 0; i < fields.Length; i++)
                        {
                            results[i] = await engine.AskAsync(encoded, fields[i].Prompt, new GenerationOptions { MaxNewTokens = fields[i].MaxNewTokens }, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    for (var i = 0; i < fields.Length; i++)
                    {
                        var answer = AnswerNormalizer.ToPageAnswer(schema, fields[i].Field, results[i]);
                        generatedTokens += results[i].TokenIds.Count;
                        answers.Add(new { file = page.File, page = page.Number, field = fields[i].Field.Name, tokenIds = results[i].TokenIds, text = results[i].Text, value = answer.Value });
                    }

                    pageSeconds.Add(watch.Elapsed.TotalSeconds);
                    var encoder = results[0].Timings.Encode;
                    breakdown.Add(new
                    {
                        encoderSeconds = encoder.TotalSeconds,
                        prefixPrefillSeconds = (encodedAt - encoder).TotalSeconds,
                        questionPrefillSeconds = batched ? results.Select(r => r.Timings.Prefill).Distinct().Sum(t => t.TotalSeconds) : results.Sum(r => r.Timings.Prefill.TotalSeconds),
                        answersSeconds = (watch.Elapsed - encodedAt).TotalSeconds,
                    });
                }

                wall.Stop();
                var ortSeconds = (FastVlmEngine.OnnxRuntimeRunTime - ortBefore).TotalSeconds;
                var wallSeconds = wall.Elapsed.TotalSeconds;
                var result = new
                {
                    runtime = "docpipe (ONNX Runtime " + typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version + ", .NET " + Environment.Version + ")",
                    mode = batched ? "batched" : "sequential",
                    prefixReuse = options.ReusePrefixCache,
                    model = engine.Descriptor,
                    schema = schema.Name,
                    fields = fields.Length,
                    maxNewTokens = fields.Select(f => f.MaxNewTokens).Distinct().ToArray(),
                    pages = pages.Count,
                    loadSeconds = load.Elapsed.TotalSeconds,
                    wallSeconds,
                    secondsPerPage = wallSeconds / pages.Count,
                    pagesPerMinute = 60 * pages.Count / wallSeconds,
                    pageSeconds,
                    breakdown,
                    generatedTokens,
                    onnxRuntimeRunSeconds = ortSeconds,
                    engineOverheadPercentOfRun = 100 * (wallSeconds - ortSeconds) / ortSeconds,
                    peakRssMb = PeakMemory.ResidentMb(),
                    answers,
                };
                var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
                var name = parseResult.GetValue(label) ?? result.mode;
                await File.WriteAllTextAsync(Path.Combine(dir, name + ".json"), json, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"{name}: {pages.Count} pages, {result.secondsPerPage:F2} s/page, {result.pagesPerMinute:F2} pages/min, overhead {result.engineOverheadPercentOfRun:F1}% of ONNX Runtime run time, peak RSS {result.peakRssMb:F0} MB").ConfigureAwait(false);
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private sealed record Page(string File, int Number, RgbImage Image);

    /// <summary>Every page rendered with the pipeline's rasteriser (longest side = model size), padded on black to a model-size square.</summary>
    private static async Task<List<Page>> RenderAsync(IDocumentVisionModel model, string[] files, int size, int? maxPages, CancellationToken cancellationToken)
    {
        var (rasterizer, options) = PipelineComponents.CreateRasterizer(model);
        var pages = new List<Page>();
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            using var document = await rasterizer.OpenAsync(stream, Path.GetFileName(file), options, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < document.PageCount && pages.Count < (maxPages ?? int.MaxValue); i++)
            {
                var page = await document.RenderPageAsync(i, cancellationToken).ConfigureAwait(false);
                pages.Add(new Page(Path.GetFileName(file), page.PageNumber, PadToSquare(page.Image, size)));
            }
        }

        return pages.Count > 0 ? pages : throw new ArgumentException("The PDFs have no pages.");
    }

    private static RgbImage PadToSquare(RgbImage image, int size)
    {
        if (image.Width > size || image.Height > size)
        {
            throw new InvalidOperationException($"A page rendered at {image.Width}×{image.Height}, larger than the model's {size} px.");
        }

        var pixels = new byte[size * size * 3];
        var left = (size - image.Width) / 2;
        var top = (size - image.Height) / 2;
        for (var y = 0; y < image.Height; y++)
        {
            image.Pixels.Span.Slice(y * image.Stride, image.Stride).CopyTo(pixels.AsSpan(((top + y) * size + left) * 3));
        }

        return new RgbImage(size, size, pixels);
    }

    private static async Task WritePeerInputsAsync(string dir, List<Page> pages, (string Name, string Prompt, int MaxNewTokens)[] fields, int size, CancellationToken cancellationToken)
    {
        var pageFiles = new List<object>();
        for (var i = 0; i < pages.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"page-{i + 1:D2}.rgb");
            await File.WriteAllBytesAsync(Path.Combine(dir, name), pages[i].Image.Pixels.ToArray(), cancellationToken).ConfigureAwait(false);
            pageFiles.Add(new { file = pages[i].File, page = pages[i].Number, rgb = name });
        }

        var inputs = new { size, pages = pageFiles, fields = fields.Select(f => new { name = f.Name, prompt = f.Prompt, maxNewTokens = f.MaxNewTokens }) };
        await File.WriteAllTextAsync(Path.Combine(dir, "inputs.json"), JsonSerializer.Serialize(inputs, new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
    }
}
