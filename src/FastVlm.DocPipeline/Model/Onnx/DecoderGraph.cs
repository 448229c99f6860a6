using System.Diagnostics;
using System.Globalization;
using FastVlm.DocPipeline.Model.Configuration;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>
/// <c>decoder_model_merged</c>: inputs_embeds, attention_mask, position_ids and past_key_values.{i}.key/value
/// in; logits and present.{i}.key/value out. Optional inputs (<c>use_cache_branch</c>,
/// <c>num_logits_to_keep</c>) are fed only when the graph declares them.
/// </summary>
internal sealed class DecoderGraph : OnnxGraph
{
    public const string EmbedsName = "inputs_embeds";
    public const string MaskName = "attention_mask";
    public const string PositionsName = "position_ids";
    public const string LogitsName = "logits";
    public const string UseCacheBranchName = "use_cache_branch";
    public const string NumLogitsToKeepName = "num_logits_to_keep";

    private readonly string[] _inputNames;
    private readonly string[] _outputNamesWithLogits;
    private readonly string[] _outputNamesCacheOnly;

    private DecoderGraph(InferenceSession session, string path, GraphVariant variant, FastVlmTextConfig text)
        : base(session, path, GraphKind.Decoder, variant)
    {
        Layers = text.NumHiddenLayers;
        KvHeads = text.NumKeyValueHeads;
        HeadDim = text.HeadDim;
        HiddenSize = text.HiddenSize;
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;

        var embeds = Contract.Require(inputs, EmbedsName, "input", 3, TensorContract.FloatTypes);
        Contract.RequireDim(embeds, EmbedsName, 2, text.HiddenSize, "hidden size");
        EmbedsType = embeds.ElementDataType;
        Contract.Require(inputs, MaskName, "input", 2, TensorElementType.Int64);
        Contract.Require(inputs, PositionsName, "input", 2, TensorElementType.Int64);
        var logits = Contract.Require(outputs, LogitsName, "output", 3, TensorContract.FloatTypes);
        LogitsType = logits.ElementDataType;

        var names = new List<string> { EmbedsName, MaskName, PositionsName };
        var presentNames = new List<string>();
        TensorElementType? kvType = null;
        for (var layer = 0; layer < Layers; layer++)
        {
            foreach (var part in new[] { "key", "value" })
            {
                var pastName = string.Create(CultureInfo.InvariantCulture, $"past_key_values.{layer}.{part}");
                var presentName = string.Create(CultureInfo.InvariantCulture, $"present.{layer}.{part}");
                var past = Contract.Require(inputs, pastName, "input", 4, TensorContract.FloatTypes);
                var present = Contract.Require(outputs, presentName, "output", 4, TensorContract.FloatTypes);
                Contract.RequireDim(past, pastName, 1, KvHeads, "key/value heads");
                Contract.RequireDim(past, pastName, 3, HeadDim, "head dimension");
                Contract.RequireDim(present, presentName, 1, KvHeads, "key/value heads");
                Contract.RequireDim(present, presentName, 3, HeadDim, "head dimension");
                kvType ??= past.ElementDataType;
                if (past.ElementDataType != kvType || present.ElementDataType != kvType)
                {
                    throw Contract.Mismatch($"'{pastName}'/'{presentName}' element types differ from the first layer's {kvType}");
                }

                names.Add(pastName);
                presentNames.Add(presentName);
            }
        }

        KvType = kvType ?? throw Contract.Mismatch("no key/value inputs");
        var declaredLayers = inputs.Keys.Count(k => k.StartsWith("past_key_values.", StringComparison.Ordinal)) / 2;
        if (declaredLayers != Layers)
        {
            throw Contract.Mismatch($"the graph has {declaredLayers} past_key_values layers but config.json says num_hidden_layers = {Layers}");
        }

        if (inputs.TryGetValue(UseCacheBranchName, out var branch))
        {
            if (branch.ElementDataType != TensorElementType.Bool)
            {
                throw Contract.Mismatch($"'{UseCacheBranchName}' has element type {branch.ElementDataType}; expected Bool");
            }

            HasUseCacheBranch = true;
            names.Add(UseCacheBranchName);
        }

        if (inputs.TryGetValue(NumLogitsToKeepName, out var keep))
        {
            if (keep.ElementDataType != TensorElementType.Int64)
            {
                throw Contract.Mismatch($"'{NumLogitsToKeepName}' has element type {keep.ElementDataType}; expected Int64");
            }

            HasNumLogitsToKeep = true;
            NumLogitsToKeepRank = keep.Dimensions.Length;
            names.Add(NumLogitsToKeepName);
        }

        var unknown = inputs.Keys.Except(names).ToArray();
        if (unknown.Length > 0)
        {
            throw Contract.Mismatch($"the graph wants inputs the engine does not know how to feed: {string.Join(", ", unknown)}");
        }

        _inputNames = names.ToArray();
        _outputNamesWithLogits = [LogitsName, .. presentNames];
        _outputNamesCacheOnly = presentNames.ToArray();
    }

    public int Layers { get; }

    public int KvHeads { get; }

    public int HeadDim { get; }

    public int HiddenSize { get; }

    public TensorElementType EmbedsType { get; }

    public TensorElementType KvType { get; }

    public TensorElementType LogitsType { get; }

    public bool HasUseCacheBranch { get; }

    public bool HasNumLogitsToKeep { get; }

    private int NumLogitsToKeepRank { get; }

    /// <summary>Number of values in the <c>past</c> argument of <see cref="Run"/>: 2 per layer.</summary>
    public int CacheValueCount => 2 * Layers;

    public static DecoderGraph Load(OnnxSessionFactory factory, string path, GraphVariant variant, FastVlmTextConfig text) =>
        CreateValidated(factory.Create(path, GraphKind.Decoder), s => new DecoderGraph(s, path, variant, text));

    /// <summary>Zero-length past values (<c>[1, kvHeads, 0, headDim]</c>) for a first step; read-only, so one set serves every call.</summary>
    public OrtValue[] CreateEmptyPast()
    {
        var past = new OrtValue[CacheValueCount];
        for (var i = 0; i < past.Length; i++)
        {
            past[i] = OrtTensors.Allocate(KvType, 1, KvHeads, 0, HeadDim);
        }

        return past;
    }

    /// <summary>
    /// One forward pass. <paramref name="pastLength"/> is the sequence length in <paramref name="past"/>.
    /// With <paramref name="withLogits"/> false only the present.* values are computed and returned (ONNX Runtime
    /// skips the LM head); otherwise element 0 is the logits. The caller owns the returned collection.
    /// </summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(
        RunOptions runOptions, OrtValue embeds, int pastLength, ReadOnlySpan<OrtValue> past, bool withLogits, DecoderFeeds feeds)
    {
        var newTokens = OrtTensors.Read<byte>(embeds).Length / (OrtTensors.SizeOf(EmbedsType) * HiddenSize);
        using var mask = feeds.Mask(pastLength + newTokens);
        using var positionRamp = newTokens == 1 ? null : PositionRamp(pastLength, newTokens);
        return Run(runOptions, embeds, mask, positionRamp ?? feeds.Position(pastLength), pastLength > 0, past, keep: null, withLogits, feeds);
    }

    /// <summary>
    /// One forward pass over a batch with the caller's <paramref name="mask"/> (<c>[b, past + s]</c>) and
    /// <paramref name="positions"/> (<c>[b, s]</c>). <paramref name="keep"/> is fed as <c>num_logits_to_keep</c> when the
    /// graph declares it (null: the feeds' constant 1). The caller owns the returned collection.
    /// </summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(
        RunOptions runOptions,
        OrtValue embeds,
        OrtValue mask,
        OrtValue positions,
        bool hasPast,
        ReadOnlySpan<OrtValue> past,
        OrtValue? keep,
        bool withLogits,
        DecoderFeeds feeds)
    {
        var values = feeds.Values;
        if (past.Length != CacheValueCount || values.Length != _inputNames.Length)
        {
            throw new ArgumentException("The past values or the feeds do not match the decoder's inputs.");
        }

        var useCacheBranch = feeds.UseCacheBranch(hasPast);
        keep = feeds.NumLogitsToKeep is null ? null : keep ?? feeds.NumLogitsToKeep;

        values[0] = embeds;
        values[1] = mask;
        values[2] = positions;
        past.CopyTo(values.AsSpan(3));
        var next = 3 + past.Length;
        if (useCacheBranch is not null)
        {
            values[next++] = useCacheBranch;
        }

        if (keep is not null)
        {
            values[next] = keep;
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            return Session.Run(runOptions, _inputNames, values, withLogits ? _outputNamesWithLogits : _outputNamesCacheOnly);
        }
        finally
        {
            OrtRunClock.Stop(start);
            Array.Clear(values);
        }
    }

    /// <summary><c>num_logits_to_keep</c> holding <paramref name="count"/> in the graph's declared rank (the caller owns it), or null when the graph has none.</summary>
    public OrtValue? CreateNumLogitsToKeep(int count) => HasNumLogitsToKeep
        ? OrtTensors.Int64(NumLogitsToKeepRank == 0 ? [] : [1], count)
        : null;

    /// <summary>Reusable inputs for the runs of one generation whose attention mask never exceeds <paramref name="capacity"/> positions.</summary>
    public DecoderFeeds CreateFeeds(int capacity) =>
        new(_inputNames.Length, capacity, HasUseCacheBranch, HasNumLogitsToKeep ? NumLogitsToKeepRank : null);

    private static OrtValue PositionRamp(int start, int count)
    {
        var positions = OrtTensors.Allocate(TensorElementType.Int64, 1, count);
        var pos = OrtTensors.Mutable<long>(positions);
        for (var i = 0; i < count; i++)
        {
            pos[i] = start + i;
        }

        return positions;
    }
}
