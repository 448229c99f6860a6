using System.Text.Json;
using FastVlm.DocPipeline.Synthetic;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Tests.Model.Synthetic;

/// <summary>
/// Test-side runner for a synthetic model directory: the three ONNX Runtime sessions of one dtype
/// variant, fed with plain arrays (float32 in and out whatever the variant stores).
/// </summary>
internal sealed class SyntheticModelSessions : IDisposable
{
    public SyntheticModelSessions(string directory, WeightPrecision precision)
    {
        Precision = precision;
        var suffix = SyntheticModelGenerator.SuffixOf(precision);
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        Vision = new InferenceSession(Path.Combine(directory, "onnx", $"vision_encoder{suffix}.onnx"), options);
        Embed = new InferenceSession(Path.Combine(directory, "onnx", $"embed_tokens{suffix}.onnx"), options);
        Decoder = new InferenceSession(Path.Combine(directory, "onnx", $"decoder_model_merged{suffix}.onnx"), options);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "config.json")));
        Layers = config.RootElement.GetProperty("num_hidden_layers").GetInt32();
        KvHeads = config.RootElement.GetProperty("num_key_value_heads").GetInt32();
        HeadDim = config.RootElement.GetProperty("head_dim").GetInt32();
        Hidden = config.RootElement.GetProperty("hidden_size").GetInt32();
        ImageTokenId = config.RootElement.GetProperty("image_token_index").GetInt32();
    }

    public WeightPrecision Precision { get; }

    public InferenceSession Vision { get; }

    public InferenceSession Embed { get; }

    public InferenceSession Decoder { get; }

    public int Layers { get; }

    public int KvHeads { get; }

    public int HeadDim { get; }

    public int Hidden { get; }

    public int ImageTokenId { get; }

    /// <summary>Runs the encoder on one image; returns [rows, hidden] flattened and the row count.</summary>
    public (float[] Features, int Rows) Encode(float[] pixels, int height, int width, int batch = 1)
    {
        using var results = Vision.Run([Float("pixel_values", pixels, [batch, 3, height, width])]);
        var output = results.Single(r => r.Name == "image_features");
        return (ReadFloats(output), ReadDims(output)[1]);
    }

    public float[] EmbedIds(long[] ids)
    {
        using var results = Embed.Run([NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [1, ids.Length]))]);
        return ReadFloats(results.Single());
    }

    /// <summary>One decoder call; <paramref name="past"/> holds key and value per layer ([1, kv, pastLength, hd] each).</summary>
    public (float[] Logits, int Vocabulary, float[][] Present) Decode(float[] embeds, int sequence, long[] mask, long[] positions, float[][]? past, int pastLength, int batch = 1)
    {
        var inputs = new List<NamedOnnxValue>
        {
            Float("inputs_embeds", embeds, [batch, sequence, Hidden]),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [batch, mask.Length / batch])),
            NamedOnnxValue.CreateFromTensor("position_ids", new DenseTensor<long>(positions, [batch, positions.Length / batch])),
        };
        for (var i = 0; i < Layers; i++)
        {
            inputs.Add(Float($"past_key_values.{i}.key", past?[2 * i] ?? [], [batch, KvHeads, pastLength, HeadDim]));
            inputs.Add(Float($"past_key_values.{i}.value", past?[2 * i + 1] ?? [], [batch, KvHeads, pastLength, HeadDim]));
        }
        using var results = Decoder.Run(inputs);
        var logits = results.Single(r => r.Name == "logits");
        var vocabulary = ReadDims(logits)[2];
        var present = new float[2 * Layers][];
        for (var i = 0; i < Layers; i++)
        {
            present[2 * i] = ReadFloats(results.Single(r => r.Name == $"present.{i}.key"));
            present[2 * i + 1] = ReadFloats(results.Single(r => r.Name == $"present.{i}.value"));
        }
        return (ReadFloats(logits), vocabulary, present);
    }

    /// <summary>Prompt embeddings with the image rows spliced over the image-token positions, in order.</summary>
    public float[] PromptEmbeddings(long[] ids, float[] features)
    {
        var embeds = EmbedIds(ids);
        var row = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] == ImageTokenId)
            {
                Array.Copy(features, row++ * Hidden, embeds, i * Hidden, Hidden);
            }
        }
        return embeds;
    }

    public void Dispose()
    {
        Vision.Dispose();
        Embed.Dispose();
        Decoder.Dispose();
    }

    private NamedOnnxValue Float(string name, float[] values, int[] dims)
        => Precision == WeightPrecision.Float16
            ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<Float16>(values.Select(v => (Float16)v).ToArray(), dims))
            : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values, dims));

    private static int[] ReadDims(DisposableNamedOnnxValue value)
        => value.Value is Tensor<Float16> half ? half.Dimensions.ToArray() : value.AsTensor<float>().Dimensions.ToArray();

    private static float[] ReadFloats(DisposableNamedOnnxValue value)
        => value.Value is Tensor<Float16> half ? half.ToArray().Select(h => (float)h).ToArray() : value.AsTensor<float>().ToArray();
}
