using System.CommandLine;
using System.Globalization;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary><c>docpipe model check</c>: loads a model directory the way the engine does and prints what it found.</summary>
internal static class ModelCheckCommand
{
    public static Command Create()
    {
        var engineOptions = new EngineCliOptions();
        var command = new Command("check", "Load a model directory, check every graph against the engine's contract, print variants, providers and shapes.");
        engineOptions.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            return CommandErrors.RunAsync(parseResult, async () =>
            {
                var options = engineOptions.Read(parseResult);
                using var engine = await FastVlmEngine.LoadAsync(options, new StderrLogger(parseResult.InvocationConfiguration.Error), cancellationToken).ConfigureAwait(false);
                var c = engine.Config;
                var inv = CultureInfo.InvariantCulture;
                await output.WriteLineAsync($"model      {c.Directory}").ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(inv, $"text       {c.Text.ModelType}: {c.Text.NumHiddenLayers} layers, hidden {c.Text.HiddenSize}, {c.Text.NumAttentionHeads} heads / {c.Text.NumKeyValueHeads} kv heads, head dim {c.Text.HeadDim}, context {c.Text.MaxPositionEmbeddings}")).ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(inv, $"image      {c.ImageSize} px, patch {c.Processor.PatchSize} → {c.ImageTokenCount} image tokens, token '{c.Processor.ImageToken}' = {c.Text.ImageTokenId}")).ConfigureAwait(false);
                await output.WriteLineAsync($"stop ids   {string.Join(", ", c.EosTokenIds)}").ConfigureAwait(false);
                await output.WriteLineAsync($"providers  available: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}; requested {options.ExecutionProvider}, using {engine.Descriptor.ExecutionProvider}").ConfigureAwait(false);
                foreach (var kind in Enum.GetValues<GraphKind>())
                {
                    var present = VariantSelector.Present(c.Directory, kind);
                    await output.WriteLineAsync($"variants   {kind.BaseName()}: {string.Join(", ", present.Select(v => v.Name()))}").ConfigureAwait(false);
                }

                await output.WriteLineAsync($"batched image encoding: {(engine.SupportsBatchedEncoding ? "yes" : "no (fixed batch axis)")}").ConfigureAwait(false);
                foreach (var graph in engine.Graphs)
                {
                    await output.WriteLineAsync($"graph      {graph.Kind.BaseName()} [{graph.Variant.Name()}] {graph.Path}").ConfigureAwait(false);
                    foreach (var input in graph.Inputs)
                    {
                        await output.WriteLineAsync($"  in   {input.Name} {input.ElementType} {input.Shape}").ConfigureAwait(false);
                    }

                    foreach (var o in graph.Outputs)
                    {
                        await output.WriteLineAsync($"  out  {o.Name} {o.ElementType} {o.Shape}").ConfigureAwait(false);
                    }
                }

                await output.WriteLineAsync("ok").ConfigureAwait(false);
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
