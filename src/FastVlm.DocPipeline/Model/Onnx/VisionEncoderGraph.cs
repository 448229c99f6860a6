using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary><c>vision_encoder</c>: <c>pixel_values [b, 3, H, W]</c> → <c>image_features [b, tokens, hidden]</c>.</summary>
internal sealed class VisionEncoderGraph : OnnxGraph
{
    public const string InputName = "pixel_values";
    public const string OutputName = "image_features";
    private static readonly string[] InputNames = [InputName];
    private static readonly string[] OutputNames = [OutputName];

    private VisionEncoderGraph(InferenceSession session, string path, GraphVariant variant, int imageSize, int hidden)
        : base(session, path, GraphKind.VisionEncoder, variant)
    {
        var input = Contract.Require(session.InputMetadata, InputName, "input", 4, TensorContract.FloatTypes);
        Contract.RequireDim(input, InputName, 1, 3, "RGB channels");
        Contract.RequireDim(input, InputName, 2, imageSize, "image height");
        Contract.RequireDim(input, InputName, 3, imageSize, "image width");
        var output = Contract.Require(session.OutputMetadata, OutputName, "output", 3, TensorContract.FloatTypes);
        Contract.RequireDim(output, OutputName, 2, hidden, "hidden size");
        if (session.InputMetadata.Count != 1)
        {
            throw Contract.Mismatch($"expected only '{InputName}' as input, found {string.Join(", ", session.InputMetadata.Keys)}");
        }

        PixelType = input.ElementDataType;
        BatchIsDynamic = input.Dimensions[0] < 0;
    }

    public TensorElementType PixelType { get; }

    /// <summary>True when several images can go through one run.</summary>
    public bool BatchIsDynamic { get; }

    public static VisionEncoderGraph Load(OnnxSessionFactory factory, string path, GraphVariant variant, int imageSize, int hidden) =>
        CreateValidated(factory.Create(path, GraphKind.VisionEncoder), s => new VisionEncoderGraph(s, path, variant, imageSize, hidden));

    public IDisposableReadOnlyCollection<OrtValue> Run(RunOptions runOptions, OrtValue pixels)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return Session.Run(runOptions, InputNames, [pixels], OutputNames);
        }
        finally
        {
            OrtRunClock.Stop(start);
        }
    }
}
