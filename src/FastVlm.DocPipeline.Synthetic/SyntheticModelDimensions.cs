namespace FastVlm.DocPipeline.Synthetic;

/// <summary>The sizes of a synthetic FastVLM: FastViTHD-shaped encoder, projector and Qwen2-shaped decoder.</summary>
public sealed record SyntheticModelDimensions
{
    /// <summary>Square input resolution of the vision encoder (a multiple of 64).</summary>
    public required int ImageSize { get; init; }

    /// <summary>Channel widths of the five encoder stages (stem output = first width).</summary>
    public required int[] StageWidths { get; init; }

    /// <summary>Blocks per stage; stages 1–3 are RepMixer stages, 4–5 attention stages.</summary>
    public required int[] StageDepths { get; init; }

    /// <summary>ConvFFN expansion ratio.</summary>
    public required int MlpRatio { get; init; }

    /// <summary>Head dimension of the encoder's attention stages.</summary>
    public required int EncoderHeadDim { get; init; }

    /// <summary>Output channels of <c>conv_exp</c> (the projector's input width).</summary>
    public required int ConvExpWidth { get; init; }

    public required int HiddenSize { get; init; }

    public required int NumLayers { get; init; }

    public required int NumHeads { get; init; }

    public required int NumKeyValueHeads { get; init; }

    public int HeadDim => HiddenSize / NumHeads;

    public required int IntermediateSize { get; init; }

    public double RopeTheta { get; init; } = 1_000_000.0;

    public double RmsNormEps { get; init; } = 1e-6;

    public int MaxPositionEmbeddings { get; init; } = 32768;

    /// <summary>The tiny preset: seconds to build, a few MB, 16 image tokens at 256 px.</summary>
    internal static SyntheticModelDimensions Tiny { get; } = new()
    {
        ImageSize = 256,
        StageWidths = [8, 16, 32, 64, 128],
        StageDepths = [1, 2, 2, 1, 1],
        MlpRatio = 4,
        EncoderHeadDim = 16,
        ConvExpWidth = 256,
        HiddenSize = 64,
        NumLayers = 2,
        NumHeads = 4,
        NumKeyValueHeads = 2,
        IntermediateSize = 176,
    };

    /// <summary>The real FastVLM-0.5B dimensions (FastViTHD + Qwen2-0.5B).</summary>
    internal static SyntheticModelDimensions Full { get; } = new()
    {
        ImageSize = 1024,
        StageWidths = [96, 192, 384, 768, 1536],
        StageDepths = [2, 12, 24, 4, 2],
        MlpRatio = 4,
        EncoderHeadDim = 32,
        ConvExpWidth = 3072,
        HiddenSize = 896,
        NumLayers = 24,
        NumHeads = 14,
        NumKeyValueHeads = 2,
        IntermediateSize = 4864,
    };
}
