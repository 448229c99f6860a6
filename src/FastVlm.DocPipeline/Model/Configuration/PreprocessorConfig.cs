using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Configuration;

namespace FastVlm.DocPipeline.Model.Configuration;

/// <summary>
/// The image-processor settings of a Hugging Face <c>preprocessor_config.json</c> (CLIP-style, as the FastVLM export
/// ships them). Defaults follow transformers.js, the reference runtime: a missing <c>do_normalize</c> means no
/// normalisation, a missing <c>rescale_factor</c> is 1/255. The engine and <see cref="Preprocessing.ImagePreprocessor"/>
/// both read their image settings from here; problems are <see cref="ModelLoadException"/>s naming the file.
/// </summary>
public sealed class PreprocessorConfig
{
    /// <summary>The file's name in a model directory.</summary>
    public const string FileName = "preprocessor_config.json";

    /// <summary>Whether images are resized (<c>do_resize</c>, default true).</summary>
    public bool DoResize { get; init; } = true;

    /// <summary><c>size.shortest_edge</c> (or <c>size</c> given as one number); null when the size is height × width.</summary>
    public int? ShortestEdge { get; init; }

    /// <summary><c>size.height</c> when the size is given as height × width.</summary>
    public int? SizeHeight { get; init; }

    /// <summary><c>size.width</c> when the size is given as height × width.</summary>
    public int? SizeWidth { get; init; }

    /// <summary>Whether the resized image is centre-cropped (<c>do_center_crop</c>).</summary>
    public bool DoCenterCrop { get; init; }

    /// <summary><c>crop_size.height</c> (or <c>crop_size</c> as one number).</summary>
    public int? CropHeight { get; init; }

    /// <summary><c>crop_size.width</c> (or <c>crop_size</c> as one number).</summary>
    public int? CropWidth { get; init; }

    /// <summary><c>do_rescale</c>, default true.</summary>
    public bool DoRescale { get; init; } = true;

    /// <summary><c>rescale_factor</c> exactly as written (0.00392156862745098 in the export; not the same as dividing by 255).</summary>
    public double RescaleFactor { get; init; } = 1.0 / 255.0;

    /// <summary><c>do_normalize</c>; absent means false (transformers.js).</summary>
    public bool DoNormalize { get; init; }

    /// <summary>Per-channel mean (RGB), or null when absent.</summary>
    public IReadOnlyList<double>? ImageMean { get; init; }

    /// <summary>Per-channel standard deviation (RGB), or null when absent.</summary>
    public IReadOnlyList<double>? ImageStd { get; init; }

    /// <summary>PIL resampling filter id (<c>resample</c>: 3 = bicubic).</summary>
    public int Resample { get; init; } = 3;

    /// <summary><c>processor_class</c> (LlavaProcessor for FastVLM), if present.</summary>
    public string? ProcessorClass { get; init; }

    /// <summary><c>image_processor_type</c> (CLIPImageProcessor), if present.</summary>
    public string? ImageProcessorType { get; init; }

    /// <summary>
    /// The square side the vision encoder receives: the crop size when cropping, else the resize size.
    /// </summary>
    /// <exception cref="ModelLoadException">The configured output is not square or has no size (<c>model.bad_config</c>).</exception>
    public int GetImageSize(string? sourcePath = null)
    {
        int? size = DoCenterCrop
            ? (CropHeight == CropWidth ? CropHeight : null)
            : ShortestEdge ?? (SizeHeight == SizeWidth ? SizeHeight : null);
        if (size is not > 0)
        {
            throw new ModelLoadException(
                ModelErrorCodes.BadConfig,
                "The preprocessor config does not give a square model input size (crop_size or size.shortest_edge).",
                sourcePath);
        }

        return size.Value;
    }

    /// <summary>Reads <c>preprocessor_config.json</c> from a model directory.</summary>
    public static PreprocessorConfig FromModelDirectory(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        return FromFile(Path.Combine(modelDirectory, FileName));
    }

    /// <summary>Reads a <c>preprocessor_config.json</c> file.</summary>
    /// <exception cref="ModelLoadException">The file is missing (<c>model.missing_file</c>) or malformed (<c>model.bad_config</c>).</exception>
    public static PreprocessorConfig FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = Path.GetFullPath(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(ModelErrorCodes.MissingFile, $"The preprocessor config could not be read: {e.Message}", path, e);
        }

        return Parse(json, path);
    }

    /// <summary>Parses the JSON text of a <c>preprocessor_config.json</c>.</summary>
    /// <exception cref="ModelLoadException">The text is malformed (<c>model.bad_config</c>).</exception>
    public static PreprocessorConfig Parse(string json, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, JsonConfigReader.LenientOptions);
            var root = JsonConfigReader.Root(document.RootElement, (location, problem) => throw Invalid(sourcePath, $"{location}: {problem}"));
            if (root.Kind != JsonValueKind.Object)
            {
                throw Invalid(sourcePath, "the top level is not a JSON object");
            }

            var (shortest, height, width) = ReadSize(root, "size", allowShortestEdge: true);
            var (_, cropHeight, cropWidth) = ReadSize(root, "crop_size", allowShortestEdge: false);
            var config = new PreprocessorConfig
            {
                DoResize = root.PeekBoolean("do_resize") ?? true,
                ShortestEdge = shortest,
                SizeHeight = height,
                SizeWidth = width,
                DoCenterCrop = root.PeekBoolean("do_center_crop") ?? false,
                CropHeight = cropHeight,
                CropWidth = cropWidth,
                DoRescale = root.PeekBoolean("do_rescale") ?? true,
                RescaleFactor = root.PeekNumber("rescale_factor") ?? 1.0 / 255.0,
                DoNormalize = root.PeekBoolean("do_normalize") ?? false,
                ImageMean = Channels(root, "image_mean", "mean"),
                ImageStd = Channels(root, "image_std", "std"),
                Resample = (int)(root.PeekNumber("resample") ?? 3),
                ProcessorClass = root.PeekString("processor_class"),
                ImageProcessorType = root.PeekString("image_processor_type") ?? root.PeekString("feature_extractor_type"),
            };

            if (config.DoNormalize && (config.ImageMean is null || config.ImageStd is null))
            {
                root.ReportAt("do_normalize", "true but image_mean or image_std is missing (the pixels would become NaN)");
            }

            if (config.ImageStd is { } std && std.Any(s => s == 0))
            {
                root.ReportAt("image_std", "contains 0");
            }

            if (config.RescaleFactor is <= 0 or double.NaN || double.IsInfinity(config.RescaleFactor))
            {
                root.ReportAt("rescale_factor", "must be a positive number");
            }

            return config;
        }
        catch (JsonException e)
        {
            throw Invalid(sourcePath, $"it is not valid JSON ({e.Message})", e);
        }
        catch (InvalidOperationException e)
        {
            throw Invalid(sourcePath, $"a value has the wrong type ({e.Message})", e);
        }
    }

    /// <summary><c>size</c> or <c>crop_size</c>: one number, or an object of shortest_edge and/or height and width.</summary>
    private static (int? Shortest, int? Height, int? Width) ReadSize(JsonConfigReader root, string name, bool allowShortestEdge)
    {
        if (!root.TryGet(name, out var size) || size.Kind == JsonValueKind.Null)
        {
            return (null, null, null);
        }

        if (size.Kind == JsonValueKind.Number)
        {
            var n = size.AsInteger(min: 1);
            return allowShortestEdge ? (n, null, null) : (null, n, n);
        }

        if (size.Kind != JsonValueKind.Object)
        {
            size.Report($"expected a number or an object, got {JsonConfigReader.Describe(size.Element)}");
            return (null, null, null);
        }

        var shortest = Dimension(size, "shortest_edge");
        var height = Dimension(size, "height");
        var width = Dimension(size, "width");
        if (!allowShortestEdge && shortest is not null)
        {
            height ??= shortest;
            width ??= shortest;
        }

        return (allowShortestEdge ? shortest : null, height, width);
    }

    private static int? Dimension(JsonConfigReader size, string name) =>
        size.TryGet(name, out var value) ? value.AsInteger(min: 1) : null;

    /// <summary>Per-channel values: one number for all three channels, or an array of 3 (RGB).</summary>
    private static double[]? Channels(JsonConfigReader root, string name, string alias)
    {
        if ((!root.TryGet(name, out var value) && !root.TryGet(alias, out value)) || value.Kind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.Kind == JsonValueKind.Number)
        {
            double v = value.Element.GetDouble();
            return [v, v, v];
        }

        if (value.Kind != JsonValueKind.Array || value.Element.GetArrayLength() != 3)
        {
            value.Report($"expected a number or an array of 3 numbers (RGB), got {JsonConfigReader.Describe(value.Element)}");
            return null;
        }

        return value.Items().Select(channel => channel.AsNumber() ?? double.NaN).ToArray();
    }

    private static ModelLoadException Invalid(string? path, string problem, Exception? inner = null) =>
        new(ModelErrorCodes.BadConfig, $"The preprocessor config is invalid: {problem}.", path, inner);
}
