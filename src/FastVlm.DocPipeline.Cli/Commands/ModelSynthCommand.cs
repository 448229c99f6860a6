using System.CommandLine;
using System.Globalization;
using FastVlm.DocPipeline.Synthetic;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary><c>docpipe model synth</c>: writes a synthetic model directory (random weights, real layout).</summary>
internal static class ModelSynthCommand
{
    private static readonly Dictionary<string, WeightPrecision> VariantNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fp32"] = WeightPrecision.Float32,
        ["fp16"] = WeightPrecision.Float16,
        ["q4"] = WeightPrecision.Q4,
        ["q4f16"] = WeightPrecision.Q4F16,
        ["int8"] = WeightPrecision.Int8,
        ["uint8"] = WeightPrecision.Uint8,
        ["quantized"] = WeightPrecision.Quantized,
    };

    public static Command Create()
    {
        var preset = new Option<string>("--preset")
        {
            Description = "tiny (tests), tiny-qwen (tiny dimensions, real Qwen vocabulary) or full (real FastVLM-0.5B dimensions).",
            DefaultValueFactory = _ => "tiny",
        };
        preset.AcceptOnlyFromAmong("tiny", "tiny-qwen", "full");
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random weights.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Directory to write the model to.", Required = true };
        var variants = new Option<string>("--variants")
        {
            Description = "Comma-separated dtype variants: fp32, fp16, q4, q4f16, int8, uint8, quantized.",
            DefaultValueFactory = _ => "fp32",
        };
        var qwenTokenizer = new Option<string?>("--qwen-tokenizer")
        {
            Description = "Path of the Qwen3 tokenizer.json (default: the one of the installed Node peers).",
        };
        var imageSize = new Option<int?>("--image-size") { Description = "Override the preset's image size (multiple of 64)." };

        var command = new Command("synth", "Write a synthetic FastVLM model directory in the layout of the public ONNX export.");
        command.Options.Add(preset);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(variants);
        command.Options.Add(qwenTokenizer);
        command.Options.Add(imageSize);
        command.SetAction((ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            return CommandErrors.RunAsync(stderr, async () =>
            {
                var options = new SyntheticModelOptions
                {
                    Preset = parseResult.GetValue(preset) switch
                    {
                        "tiny-qwen" => SyntheticModelPreset.TinyQwen,
                        "full" => SyntheticModelPreset.Full,
                        _ => SyntheticModelPreset.Tiny,
                    },
                    Seed = parseResult.GetValue(seed),
                    OutputDirectory = parseResult.GetValue(output)!,
                    QwenTokenizerPath = parseResult.GetValue(qwenTokenizer),
                    ImageSize = parseResult.GetValue(imageSize),
                };
                options.Variants.Clear();
                foreach (var name in parseResult.GetValue(variants)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    options.Variants.Add(VariantNames.TryGetValue(name, out var precision)
                        ? precision
                        : throw new CliUsageException($"Unknown variant '{name}': use {string.Join(", ", VariantNames.Keys)}."));
                }

                var result = await SyntheticModelGenerator.GenerateAsync(options, cancellationToken).ConfigureAwait(false);
                foreach (var (file, bytes) in result.FileSizes.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{bytes,14:N0}  {file}")).ConfigureAwait(false);
                }
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {result.Directory}: {result.TotalBytes / 1048576.0:F1} MiB in {result.Elapsed.TotalSeconds:F1} s " +
                    $"({result.Dimensions.NumLayers} layers × {result.Dimensions.HiddenSize}, {result.Vocabulary.Rows} vocabulary rows, " +
                    $"{(result.Dimensions.ImageSize / 64) * (result.Dimensions.ImageSize / 64)} image tokens at {result.Dimensions.ImageSize} px).")).ConfigureAwait(false);
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
