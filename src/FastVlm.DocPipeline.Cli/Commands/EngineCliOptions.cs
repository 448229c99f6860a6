using System.CommandLine;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;
using FastVlm.DocPipeline.Model.Preprocessing;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>The engine options shared by the commands that load a model (ask, model check, bench).</summary>
internal sealed class EngineCliOptions
{
    public Option<string> Model { get; } = new("--model") { Description = "Model directory (Hugging Face layout: config.json, tokenizer.json, onnx/*.onnx).", Required = true };

    public Option<string?> Variant { get; } = new("--variant") { Description = "Dtype variant for all three graphs: fp32, fp16, q4, q4f16, int8, uint8, quantized, bnb4 (default: best present for the provider)." };

    public Option<string?> VisionVariant { get; } = new("--vision-variant") { Description = "Vision encoder variant (overrides --variant)." };

    public Option<string?> EmbedVariant { get; } = new("--embed-variant") { Description = "Token embedding variant (overrides --variant)." };

    public Option<string?> DecoderVariant { get; } = new("--decoder-variant") { Description = "Decoder variant (overrides --variant)." };

    public Option<string> Provider { get; } = new("--provider") { Description = "Execution provider: cpu or cuda.", DefaultValueFactory = _ => "cpu" };

    public Option<bool> NoFallback { get; } = new("--no-cpu-fallback") { Description = "Fail instead of falling back to CPU when CUDA is unavailable." };

    public Option<int> Threads { get; } = new("--threads") { Description = $"Intra-op threads: 0 (ONNX Runtime's choice) or 1..{MaxThreads} (4 per logical processor of this machine).", DefaultValueFactory = _ => 0 };

    /// <summary>More intra-op threads than 4 per logical processor only add contention (and each one reserves a stack).</summary>
    public static int MaxThreads => Environment.ProcessorCount * 4;

    public Option<bool> Crop { get; } = new("--crop") { Description = "Shortest-edge resize + centre crop (transformers.js) instead of padding to a square (training)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, Variant, VisionVariant, EmbedVariant, DecoderVariant, Provider, NoFallback, Threads, Crop })
        {
            command.Options.Add(option);
        }
    }

    public FastVlmEngineOptions Read(ParseResult parseResult)
    {
        var threads = parseResult.GetValue(Threads);
        if (threads < 0 || threads > MaxThreads)
        {
            throw new CliUsageException(
                "usage.threads",
                $"--threads must be 0 (ONNX Runtime's choice) or 1..{MaxThreads}: this machine has {Environment.ProcessorCount} logical processors, and more than 4 threads each only add contention (not {threads}).");
        }

        var all = ParseVariant(parseResult.GetValue(Variant), "--variant");
        return new FastVlmEngineOptions
        {
            ModelDirectory = parseResult.GetValue(Model)!,
            VisionEncoderVariant = ParseVariant(parseResult.GetValue(VisionVariant), "--vision-variant") ?? all,
            EmbedTokensVariant = ParseVariant(parseResult.GetValue(EmbedVariant), "--embed-variant") ?? all,
            DecoderVariant = ParseVariant(parseResult.GetValue(DecoderVariant), "--decoder-variant") ?? all,
            ExecutionProvider = parseResult.GetValue(Provider)?.ToLowerInvariant() switch
            {
                "cpu" or null => ExecutionProvider.Cpu,
                "cuda" or "gpu" => ExecutionProvider.Cuda,
                var other => throw new CliUsageException("usage.provider", $"--provider must be cpu or cuda, not '{other}'."),
            },
            FallbackToCpu = !parseResult.GetValue(NoFallback),
            IntraOpNumThreads = threads,
            ImagePreprocessing = parseResult.GetValue(Crop) ? ImageResizeMode.ShortestEdgeCrop : ImageResizeMode.Pad,
        };
    }

    private static GraphVariant? ParseVariant(string? text, string option) =>
        text is null ? null : GraphVariants.TryParse(text, out var v) ? v : throw new CliUsageException("usage.variant", $"{option}: unknown variant '{text}'. Expected one of: {string.Join(", ", GraphVariants.All.Select(x => x.Name()))}.");
}
