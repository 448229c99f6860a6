using System.CommandLine;
using FastVlm.DocPipeline.Model.Hub;
using FastVlm.DocPipeline.Model.Onnx;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary><c>docpipe model fetch</c>: downloads the public FastVLM-0.5B ONNX export.</summary>
internal static class ModelFetchCommand
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "Directory to write the model into.", Required = true };
        var variant = new Option<string?>("--variant") { Description = "One variant for all three graphs (default: the model card's mix: vision q4, embeddings fp16, decoder q4)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Hub endpoint (default: HF_ENDPOINT or the public hub)." };
        var repository = new Option<string?>("--repo") { Description = "Repository id (default onnx-community/FastVLM-0.5B-ONNX)." };
        var command = new Command("fetch", "Download the public FastVLM-0.5B ONNX export (needs internet).");
        command.Options.Add(outDir);
        command.Options.Add(variant);
        command.Options.Add(endpoint);
        command.Options.Add(repository);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            return CommandErrors.RunAsync(parseResult, async () =>
            {
                var options = new ModelFetchOptions();
                if (parseResult.GetValue(variant) is { } v)
                {
                    var parsed = GraphVariants.TryParse(v, out var gv) ? gv : throw new CliUsageException($"--variant: unknown variant '{v}'.");
                    options.VisionEncoderVariant = options.EmbedTokensVariant = options.DecoderVariant = parsed;
                }

                if (parseResult.GetValue(endpoint) is { } e)
                {
                    options.Endpoint = Uri.TryCreate(e, UriKind.Absolute, out var uri) ? uri : throw new CliUsageException($"--endpoint: '{e}' is not an absolute URL.");
                }

                if (parseResult.GetValue(repository) is { } r)
                {
                    options.Repository = r;
                }

                await output.WriteLineAsync(ModelFetcher.LicenceNotice).ConfigureAwait(false);
                var progress = new LineProgress(output);
                await new ModelFetcher(options).FetchAsync(parseResult.GetValue(outDir)!, progress, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync("done").ConfigureAwait(false);
                return ExitCodes.Success;
            });
        });
        return command;
    }

    /// <summary>Writes progress lines synchronously, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine(value);
    }
}
