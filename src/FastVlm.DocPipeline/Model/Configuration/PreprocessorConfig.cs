using System.Text.Json;

namespace FastVlm.DocPipeline.Model.Configuration;

/// <summary>
/// The image-processor settings of a Hugging Face <c>preprocessor_config.json</c> (CLIP-style, as the FastVLM export
/// ships them). Defaults follow transformers.js, the reference runtime: a missing <c>do_normalize</c> means no
/// normalisation, a missing <c>rescale_factor</c> is 1/255.
/// </summary>
public sealed class PreprocessorConfig
{
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
    /// <exception cref="PreprocessorConfigException">The configured output is not square or has no size.</exception>
    public int GetImageSize(string? sourcePath = null)
    {
        int? size = DoCenterCrop
            ? (CropHeight == CropWidth ? CropHeight : null)
            : ShortestEdge ?? (SizeHeight == SizeWidth ? SizeHeight : null);
        if (size is not > 0)
        {
            throw new PreprocessorConfigException(
                PreprocessorConfigException.InvalidConfig,
                $"The preprocessor config{Where(sourcePath)} does not give a square model input size (crop_size or size.shortest_edge).");
        }

        return size.Value;
    }

    /// <summary>Reads <c>preprocessor_config.json</c> from a model directory.</summary>
    public static PreprocessorConfig FromModelDirectory(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        return FromFile(Path.Combine(modelDirectory, "preprocessor_config.json"));
    }

    /// <summary>Reads a <c>preprocessor_config.json</c> file.</summary>
    /// <exception cref="PreprocessorConfigException">The file is missing or malformed.</exception>
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
            throw new PreprocessorConfigException(
                PreprocessorConfigException.MissingFile,
                $"The preprocessor config '{path}' could not be read: {e.Message}",
                e);
        }

        return Parse(json, path);
    }

    /// <summary>Parses the JSON text of a <c>preprocessor_config.json</c>.</summary>
    /// <exception cref="PreprocessorConfigException">The text is malformed.</exception>
    public static PreprocessorConfig Parse(string json, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(sourcePath, "the top level is not a JSON object");
            }

            var (shortest, height, width) = ReadSize(root, "size", sourcePath, allowShortestEdge: true);
            var (_, cropHeight, cropWidth) = ReadSize(root, "crop_size", sourcePath, allowShortestEdge: false);
            var config = new PreprocessorConfig
            {
                DoResize = Bool(root, "do_resize") ?? true,
                ShortestEdge = shortest,
                SizeHeight = height,
                SizeWidth = width,
                DoCenterCrop = Bool(root, "do_center_crop") ?? false,
                CropHeight = cropHeight,
                CropWidth = cropWidth,
                DoRescale = Bool(root, "do_rescale") ?? true,
                RescaleFactor = Number(root, "rescale_factor") ?? 1.0 / 255.0,
                DoNormalize = Bool(root, "do_normalize") ?? false,
                ImageMean = Channels(root, "image_mean", "mean", sourcePath),
                ImageStd = Channels(root, "image_std", "std", sourcePath),
                Resample = (int)(Number(root, "resample") ?? 3),
                ProcessorClass = String(root, "processor_class"),
                ImageProcessorType = String(root, "image_processor_type") ?? String(root, "feature_extractor_type"),
            };

            if (config.DoNormalize && (config.ImageMean is null || config.ImageStd is null))
            {
                throw Invalid(sourcePath, "do_normalize is true but image_mean or image_std is missing (the pixels would become NaN)");
            }

            if (config.ImageStd is { } std && std.Any(s => s == 0))
            {
                throw Invalid(sourcePath, "image_std contains 0");
            }

            if (config.RescaleFactor is <= 0 or double.NaN || double.IsInfinity(config.RescaleFactor))
            {
                throw Invalid(sourcePath, "rescale_factor must be a positive number");
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

    private static (int? Shortest, int? Height, int? Width) ReadSize(JsonElement root, string name, string? path, bool allowShortestEdge)
    {
        if (!root.TryGetProperty(name, out JsonElement size) || size.ValueKind == JsonValueKind.Null)
        {
            return (null, null, null);
        }

        if (size.ValueKind == JsonValueKind.Number)
        {
            int n = Positive(size, name, path);
            return allowShortestEdge ? (n, null, null) : (null, n, n);
        }

        if (size.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"{name} is neither a number nor an object");
        }

        int? shortest = size.TryGetProperty("shortest_edge", out JsonElement s) ? Positive(s, name + ".shortest_edge", path) : null;
        int? height = size.TryGetProperty("height", out JsonElement h) ? Positive(h, name + ".height", path) : null;
        int? width = size.TryGetProperty("width", out JsonElement w) ? Positive(w, name + ".width", path) : null;
        if (!allowShortestEdge && shortest is not null)
        {
            height ??= shortest;
            width ??= shortest;
        }

        return (allowShortestEdge ? shortest : null, height, width);
    }

    private static int Positive(JsonElement element, string name, string? path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int n) && n > 0
            ? n
            : throw Invalid(path, $"{name} must be a positive integer");

    private static IReadOnlyList<double>? Channels(JsonElement root, string name, string alias, string? path)
    {
        if (!root.TryGetProperty(name, out JsonElement value) && !root.TryGetProperty(alias, out value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            double v = value.GetDouble();
            return [v, v, v];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3)
        {
            throw Invalid(path, $"{name} must be a number or an array of 3 numbers (RGB)");
        }

        return value.EnumerateArray().Select(e => e.GetDouble()).ToArray();
    }

    private static bool? Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Where(string? path) => path is null ? string.Empty : $" '{path}'";

    private static PreprocessorConfigException Invalid(string? path, string problem, Exception? inner = null) =>
        new(PreprocessorConfigException.InvalidConfig, $"The preprocessor config{Where(path)} is invalid: {problem}.", inner);
}
