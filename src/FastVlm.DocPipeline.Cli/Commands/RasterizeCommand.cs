using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Storage.Files;

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
            catch (DocPipelineException ex) when (ex.Code == RasterizationErrorCodes.NativeLibraryMissing)
            {
                await stderr.WriteLineAsync($"error [{ex.Code}]: {ex.Message}");
                return ExitCodes.InternalError;
            }
            catch (FormatException ex)
            {
                await stderr.WriteLineAsync($"error [usage.pages]: {ex.Message}");
                return ExitCodes.UsageOrInput;
            }
            catch (Exception ex)
            {
                return await CommandErrors.ReportAsync(stderr, ex, CommandErrors.IsVerbose(parseResult));
            }
        });
        return command;
    }

    private const int DefaultSize = 1024;

    /// <summary>The longest side a square page can have within <see cref="RasterizationOptions.MaxPixelsPerPage"/> (16 MP).</summary>
    public static int MaxSize => (int)Math.Sqrt(RasterizationOptions.Default.MaxPixelsPerPage);

    /// <summary>An explicit <c>--size</c> wins; otherwise the model's image size; otherwise 1024.</summary>
    private static int ResolveSize(int? size, string? modelDirectory) =>
        size ?? (modelDirectory is null ? DefaultSize : PreprocessorConfig.FromModelDirectory(modelDirectory).GetImageSize(Path.Combine(modelDirectory, "preprocessor_config.json")));

    private static async Task<int> RunAsync(
        string file, string outputDirectory, int size, string? pageSelection, string? password, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (size < 1 || size > MaxSize)
        {
            throw new CliUsageException("usage.size", $"--size must be 1..{MaxSize} px (a page may have at most {RasterizationOptions.Default.MaxPixelsPerPage / 1_000_000} MP), not {size}.");
        }

        var status = FileEntryStatus.Of(file);
        if (status.Kind == FileEntryKind.Missing)
        {
            throw new CliUsageException("input.not_found", $"{SafeText.Escape(file)} does not exist.");
        }

        if (!status.IsRegularFile)
        {
            throw new CliUsageException("input.not_regular_file", $"{SafeText.Escape(file)} is {FileEntryStatus.Describe(status.Kind)}, not a regular file; docpipe reads regular files only (a pipe or device may block or never end).");
        }

        OutputFolder.EnsureWritable(outputDirectory, "The --out folder", "rasterize.out", "Pass a writable folder with --out.");
        var total = Stopwatch.StartNew();
        var rasterizer = new DocumentRasterizer();
        var options = new RasterizationOptions { TargetLongestSide = size, Password = password };

        await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        using var document = await rasterizer.OpenAsync(input, file, options, cancellationToken);
        var indexes = PageSelection.Parse(pageSelection, document.PageCount);
        if (indexes.Count == 0)
        {
            throw new CliUsageException("usage.pages", $"--pages {pageSelection} selects no page: {SafeText.Escape(Path.GetFileName(file))} has {document.PageCount} page(s).");
        }

        var renderTime = TimeSpan.Zero;
        var longestSide = 0;
        await foreach (var page in document.RenderPagesAsync(indexes, cancellationToken))
        {
            var png = PngEncoder.Encode(page.Image);
            var path = Path.Combine(outputDirectory, $"page-{page.PageNumber:D4}.png");
            await File.WriteAllBytesAsync(path, png, cancellationToken);
            renderTime += page.RenderTime;
            longestSide = Math.Max(longestSide, Math.Max(page.Image.Width, page.Image.Height));
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"page {page.PageNumber}: {page.Image.Width}x{page.Image.Height} px from {page.WidthPoints:0.#}x{page.HeightPoints:0.#} pt, rotation {page.RotationDegrees}, text layer {(page.HasTextLayer ? "yes" : "no")}, render {page.RenderTime.TotalMilliseconds:0.0} ms -> {Path.GetFileName(path)}"));
        }

        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{indexes.Count} of {document.PageCount} page(s) of {document.Format} rendered at {longestSide} px{(longestSide != size ? $" (asked {size})" : "")} in {renderTime.TotalMilliseconds:0} ms ({total.Elapsed.TotalMilliseconds:0} ms total) -> {outputDirectory}"));
        return ExitCodes.Success;
    }
}
