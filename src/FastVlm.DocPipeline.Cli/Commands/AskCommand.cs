using System.CommandLine;
using System.Text.Json;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary><c>docpipe ask</c>: one question about one image, answered by the local model.</summary>
internal static class AskCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var engineOptions = new EngineCliOptions();
        var image = new Option<string>("--image") { Description = "Image file (PNG, JPEG, WebP, BMP, GIF).", Required = true };
        var question = new Option<string>("--question") { Description = "The question; the image goes before it as in training (<image>\\n{question}).", Required = true };
        var maxNewTokens = new Option<int>("--max-new-tokens") { Description = "Upper bound on generated tokens.", DefaultValueFactory = _ => 64 };
        var json = new Option<bool>("--json") { Description = "Print {answer, tokenIds, logprobs, promptTokenCount, imageTokenCount, timings} as JSON." };

        var command = new Command("ask", "Ask the model one question about an image.");
        engineOptions.AddTo(command);
        command.Options.Add(image);
        command.Options.Add(question);
        command.Options.Add(maxNewTokens);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            return CommandErrors.RunAsync(parseResult, async () =>
            {
                var max = parseResult.GetValue(maxNewTokens);
                if (max <= 0)
                {
                    throw new CliUsageException("--max-new-tokens must be positive.");
                }

                var options = engineOptions.Read(parseResult);
                var rgb = await CommandErrors.ReadImageAsync(parseResult.GetValue(image)!, cancellationToken).ConfigureAwait(false);
                using var engine = await FastVlmEngine.LoadAsync(options, new StderrLogger(parseResult.InvocationConfiguration.Error), cancellationToken).ConfigureAwait(false);
                using var encoded = await engine.EncodeImageAsync(rgb, cancellationToken).ConfigureAwait(false);
                var result = await engine.AskAsync(encoded, parseResult.GetValue(question)!, new GenerationOptions { MaxNewTokens = max }, cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(json))
                {
                    var t = result.Timings;
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        answer = result.Text,
                        tokenIds = result.TokenIds,
                        logprobs = result.TokenLogprobs,
                        promptTokenCount = result.PromptTokenCount,
                        imageTokenCount = result.ImageTokenCount,
                        finishReason = result.FinishReason.ToString().ToLowerInvariant(),
                        timings = new
                        {
                            encodeMs = t.Encode.TotalMilliseconds,
                            prefillMs = t.Prefill.TotalMilliseconds,
                            timeToFirstTokenMs = t.TimeToFirstToken.TotalMilliseconds,
                            decodeMs = t.Decode.TotalMilliseconds,
                            decodedTokens = t.DecodedTokens,
                            decodeTokensPerSecond = t.DecodeTokensPerSecond,
                        },
                        model = engine.Descriptor,
                    }, Json)).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync(result.Text).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }
}
