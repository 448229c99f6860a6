using FastVlm.DocPipeline.Model.Onnx;

namespace FastVlm.DocPipeline.Model.Hub;

/// <summary>What <see cref="ModelFetcher"/> downloads and from where.</summary>
public sealed class ModelFetchOptions
{
    /// <summary>Hub endpoint (the <c>HF_ENDPOINT</c> environment variable overrides the default).</summary>
    public Uri Endpoint { get; set; } = new(Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } e ? e : "https://huggingface.co");

    public string Repository { get; set; } = "onnx-community/FastVLM-0.5B-ONNX";

    public string Revision { get; set; } = "main";

    /// <summary>Defaults are the model card's mix: vision q4, embeddings fp16, decoder q4.</summary>
    public GraphVariant VisionEncoderVariant { get; set; } = GraphVariant.Q4;

    public GraphVariant EmbedTokensVariant { get; set; } = GraphVariant.Fp16;

    public GraphVariant DecoderVariant { get; set; } = GraphVariant.Q4;

    /// <summary>Time allowed to open a connection; offline machines fail after at most this long.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed without any bytes arriving on a download.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
