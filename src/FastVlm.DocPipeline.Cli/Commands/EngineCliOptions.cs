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

    public Option<int> Threads { get; } = new("--threads") { Description = "Intra-op threads (0: ONNX Runtime's choice).", DefaultValueFactory = _ => 0 };

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
                var other => throw new CliUsageException($"--provider must be cpu or cuda, not '{other}'."),
            },
            FallbackToCpu = !parseResult.GetValue(NoFallback),
            IntraOpNumThreads = parseResult.GetValue(Threads),
            ImagePreprocessing = parseResult.GetValue(Crop) ? ImageResizeMode.ShortestEdgeCrop : ImageResizeMode.Pad,
        };
    }

    private static GraphVariant? ParseVariant(string? text, string option) =>
        text is null ? null : GraphVariants.TryParse(text, out var v) ? v : throw new CliUsageException($"{option}: unknown variant '{text}'. Expected one of: {string.Join(", ", GraphVariants.All.Select(x => x.Name()))}.");
}
