using System.Net.Sockets;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Onnx;

namespace FastVlm.DocPipeline.Model.Hub;

/// <summary>
/// Downloads the public FastVLM ONNX export (configs, tokenizer, the three graphs of the chosen variants) into a
/// model directory. Each file is written to <c>*.part</c> and renamed when complete, so an interrupted
/// download never leaves a truncated graph under its real name. Files already present are kept.
/// </summary>
public sealed class ModelFetcher
{
    /// <summary>Shown wherever a user chooses or downloads the weights: Apple's licence restricts their use.</summary>
    public const string LicenceNotice =
        "Note: the FastVLM weights are released by Apple under the apple-amlr licence, which restricts their use " +
        "(research; read LICENSE_MODEL in the model repository before using them in a product).";

    private static readonly string[] ConfigFiles =
    [
        FastVlmModelConfig.ConfigFile, FastVlmModelConfig.GenerationConfigFile, FastVlmModelConfig.PreprocessorConfigFile,
        FastVlmModelConfig.ProcessorConfigFile, FastVlmModelConfig.TokenizerFile, FastVlmModelConfig.TokenizerConfigFile,
        "special_tokens_map.json", "added_tokens.json", "vocab.json", "merges.txt",
    ];

    private readonly ModelFetchOptions _options;

    public ModelFetcher(ModelFetchOptions? options = null) => _options = options ?? new ModelFetchOptions();

    /// <summary>Relative paths of the files a fetch with these options downloads.</summary>
    public IReadOnlyList<string> Files =>
    [
        .. ConfigFiles,
        "onnx/" + _options.VisionEncoderVariant.FileName(GraphKind.VisionEncoder),
        "onnx/" + _options.EmbedTokensVariant.FileName(GraphKind.EmbedTokens),
        "onnx/" + _options.DecoderVariant.FileName(GraphKind.Decoder),
    ];

    public async Task FetchAsync(string outputDirectory, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Directory.CreateDirectory(Path.Combine(outputDirectory, "onnx"));
        using var handler = new SocketsHttpHandler { ConnectTimeout = _options.ConnectTimeout, AllowAutoRedirect = true };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("docpipe/1.0");

        foreach (var file in Files)
        {
            var target = Path.Combine(outputDirectory, file);
            if (File.Exists(target))
            {
                progress?.Report($"{file}: present, kept");
                continue;
            }

            var uri = new Uri(_options.Endpoint, $"{_options.Repository}/resolve/{_options.Revision}/{file}");
            progress?.Report($"{file}: downloading {uri}");
            await DownloadAsync(client, uri, target, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DownloadAsync(HttpClient client, Uri uri, string target, CancellationToken cancellationToken)
    {
        var partial = target + ".part";
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ModelFetchException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            await using (var destination = File.Create(partial))
            {
                var buffer = new byte[1 << 20];
                while (true)
                {
                    using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    stall.CancelAfter(_options.ReadTimeout);
                    var read = await source.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(partial, target, overwrite: true);
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            File.Delete(partial);
            throw new ModelFetchException(
                $"Could not download {uri}: {ex.Message}. Check the network (this machine may be offline) or set HF_ENDPOINT to a reachable mirror; files already downloaded are kept.",
                ex);
        }
    }
}
