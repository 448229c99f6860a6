using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Cli.Commands;

internal static class RasterizeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "PDF or image (PNG, JPEG, WebP, BMP, GIF) to rasterise." };
        var output = new Option<string>("--out") { Description = "Folder for page-0001.png, page-0002.png, ...", Required = true };
        var size = new Option<int?>("--size") { Description = "Longest side of each page in pixels (default: the model's image size with --model, else 1024)." };
        var model = new Option<string?>("--model") { Description = "Take the page size from this model directory's preprocessor_config.json." };
        var pages = new Option<string?>("--pages") { Description = "Pages to render, 1-based: 1-3,7 (default: all)." };
        var password = new Option<string?>("--password") { Description = "Password of an encrypted PDF." };

        var command = new Command("rasterize", "Render a PDF or image to PNG pages at model resolution.");
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(size);
        command.Options.Add(model);
        command.Options.Add(pages);
        command.Options.Add(password);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            try
            {
                return await RunAsync(
                    parseResult.GetValue(file)!,
                    parseResult.GetValue(output)!,
                    ResolveSize(parseResult.GetValue(size), parseResult.GetValue(model)),
                    parseResult.GetValue(pages),
                    parseResult.GetValue(password),
                    stdout,
                    cancellationToken);
            }
            catch (DocPipelineException ex)
            {
                stderr.WriteLine($"error [{ex.Code}]: {ex.Message}");
                return ex.Code == RasterizationErrorCodes.NativeLibraryMissing ? ExitCodes.InternalError : ExitCodes.UsageOrInput;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or FormatException or ArgumentOutOfRangeException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrInput;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                stderr.WriteLine($"internal error: {ex}");
                return ExitCodes.InternalError;
            }
        });
        return command;
    }

    private const int DefaultSize = 1024;

    /// <summary>An explicit <c>--size</c> wins; otherwise the model's image size; otherwise 1024.</summary>
    private static int ResolveSize(int? size, string? modelDirectory) =>
        size ?? (modelDirectory is null ? DefaultSize : PreprocessorConfig.FromModelDirectory(modelDirectory).GetImageSize(Path.Combine(modelDirectory, "preprocessor_config.json")));

    private static async Task<int> RunAsync(
        string file, string outputDirectory, int size, string? pageSelection, string? password, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, "--size");
        var total = Stopwatch.StartNew();
        var rasterizer = new DocumentRasterizer();
        var options = new RasterizationOptions { TargetLongestSide = size, Password = password };

        await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        using var document = await rasterizer.OpenAsync(input, file, options, cancellationToken);
        var indexes = PageSelection.Parse(pageSelection, document.PageCount);
        Directory.CreateDirectory(outputDirectory);

        var renderTime = TimeSpan.Zero;
        await foreach (var page in document.RenderPagesAsync(indexes, cancellationToken))
        {
            var png = PngEncoder.Encode(page.Image);
            var path = Path.Combine(outputDirectory, $"page-{page.PageNumber:D4}.png");
            await File.WriteAllBytesAsync(path, png, cancellationToken);
            renderTime += page.RenderTime;
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"page {page.PageNumber}: {page.Image.Width}x{page.Image.Height} px from {page.WidthPoints:0.#}x{page.HeightPoints:0.#} pt, rotation {page.RotationDegrees}, text layer {(page.HasTextLayer ? "yes" : "no")}, render {page.RenderTime.TotalMilliseconds:0.0} ms -> {Path.GetFileName(path)}"));
        }

        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{indexes.Count} of {document.PageCount} page(s) of {document.Format} rendered at {size} px in {renderTime.TotalMilliseconds:0} ms ({total.Elapsed.TotalMilliseconds:0} ms total) -> {outputDirectory}"));
        return ExitCodes.Success;
    }
}
