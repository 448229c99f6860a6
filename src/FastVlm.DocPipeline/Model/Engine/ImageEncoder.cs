using System.Diagnostics;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// Page images to <see cref="EncodedImage"/>s: preprocessing, the vision encoder (several images per run when
/// its batch axis is dynamic) and, optionally, the prefill of the shared prompt prefix with the image rows.
/// </summary>
internal sealed class ImageEncoder(FastVlmModel model, EmbeddingSplicer splicer)
{
    /// <summary>Rejects what the preprocessor cannot take before any work is scheduled.</summary>
    public void EnsureAcceptable(IReadOnlyList<RgbImage> images)
    {
        foreach (var image in images)
        {
            ArgumentNullException.ThrowIfNull(image, nameof(images));
            model.Preprocessor.EnsureAcceptable(image);
        }
    }

    public IReadOnlyList<IEncodedImage> Encode(IReadOnlyList<RgbImage> images, bool prefillPrefix, CancellationToken cancellationToken)
    {
        var results = new List<IEncodedImage>(images.Count);
        try
        {
            var batch = model.Vision.BatchIsDynamic ? images.Count : 1;
            for (var start = 0; start < images.Count; start += batch)
            {
                var count = Math.Min(batch, images.Count - start);
                results.AddRange(EncodeBatch(images, start, count, prefillPrefix, cancellationToken));
            }

            return results;
        }
        catch
        {
            DisposeAll(results);
            throw;
        }
    }

    private List<IEncodedImage> EncodeBatch(IReadOnlyList<RgbImage> images, int start, int count, bool prefillPrefix, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stopwatch = Stopwatch.StartNew();
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        var (features, rows) = RunVisionEncoder(runOptions, images, start, count);
        var encodeTime = stopwatch.Elapsed / count;
        var encoded = new List<IEncodedImage>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                IDisposableReadOnlyCollection<OrtValue>? cache = null;
                var prefillTime = TimeSpan.Zero;
                if (prefillPrefix)
                {
                    var prefill = Stopwatch.StartNew();
                    cache = PrefillPrefix(runOptions, features[i], rows);
                    prefillTime = prefill.Elapsed;
                }

                encoded.Add(new EncodedImage(model, features[i], rows, encodeTime, cache, model.Prefix.Length(rows), prefillTime));
            }
        }
        catch
        {
            DisposeAll(encoded);
            throw;
        }

        return encoded;
    }

    /// <summary>Image feature rows (float32, one array per image) and the number of rows per image.</summary>
    private (float[][] Features, int Rows) RunVisionEncoder(RunOptions runOptions, IReadOnlyList<RgbImage> images, int start, int count)
    {
        var vision = model.Vision;
        var preprocessor = model.Preprocessor;
        var config = model.Config;
        var size = preprocessor.ImageSize;
        var perImage = preprocessor.ValuesPerImage;
        using var pixels = OrtTensors.Allocate(vision.PixelType, count, 3, size, size);
        for (var i = 0; i < count; i++)
        {
            if (vision.PixelType == TensorElementType.Float16)
            {
                preprocessor.Preprocess(images[start + i], OrtTensors.Mutable<Half>(pixels).Slice(i * perImage, perImage));
            }
            else
            {
                preprocessor.Preprocess(images[start + i], OrtTensors.Mutable<float>(pixels).Slice(i * perImage, perImage));
            }
        }

        using var outputs = vision.Run(runOptions, pixels);
        var output = outputs.First();
        var shape = OrtTensors.Shape(output);
        var rows = checked((int)shape[1]);
        if (rows != config.ImageTokenCount || shape[0] != count)
        {
            throw new DocPipelineException(
                ModelErrorCodes.ImageTokenMismatch,
                $"The vision encoder returned {shape[0]}x{rows} feature rows but the prompt expects {count}x{config.ImageTokenCount} image tokens ((image size {config.ImageSize} / patch size {config.Processor.PatchSize})²). Check processor_config.json's patch_size against the encoder graph ({vision.Path}).");
        }

        var perFeatures = rows * config.Text.HiddenSize;
        var features = new float[count][];
        for (var i = 0; i < count; i++)
        {
            features[i] = new float[perFeatures];
            OrtTensors.CopyToFloat(output, i * perFeatures, features[i]);
        }

        return (features, rows);
    }

    /// <summary>The key/value cache of the prompt prefix with this image's rows, shared by the image's questions.</summary>
    private IDisposableReadOnlyCollection<OrtValue> PrefillPrefix(RunOptions runOptions, float[] features, int rows)
    {
        using var embeds = splicer.Splice(runOptions, features, rows, []);
        using var feeds = model.Decoder.CreateFeeds(model.Prefix.Length(rows));
        return model.Decoder.Run(runOptions, embeds, 0, model.EmptyPast, withLogits: false, feeds);
    }

    private static void DisposeAll(List<IEncodedImage> images)
    {
        foreach (var image in images)
        {
            image.Dispose();
        }
    }
}
