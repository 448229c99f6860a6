using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>Hidden developer benchmarks (scripts/bench-raster.sh drives them side by side with peers).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "PDFs or images to rasterise.", Arity = ArgumentArity.OneOrMore };
        var size = new Option<int>("--size") { Description = "Longest side in pixels.", DefaultValueFactory = _ => 1024 };
        var repeat = new Option<int>("--repeat") { Description = "Passes over the files.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Also encode and write PNGs here (as the peers do)." };

        var rasterize = new Command("rasterize", "Render every page of the files; print pages/s and peak RSS.");
        rasterize.Arguments.Add(files);
        rasterize.Options.Add(size);
        rasterize.Options.Add(repeat);
        rasterize.Options.Add(output);
        rasterize.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var outDirectory = parseResult.GetValue(output);
            if (outDirectory is not null)
            {
                Directory.CreateDirectory(outDirectory);
            }

            var rasterizer = new DocumentRasterizer();
            var options = new RasterizationOptions { TargetLongestSide = parseResult.GetValue(size) };
            var pages = 0;
            var render = TimeSpan.Zero;
            var wall = Stopwatch.StartNew();
            for (var pass = 0; pass < parseResult.GetValue(repeat); pass++)
            {
                foreach (var file in parseResult.GetValue(files)!)
                {
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
                    using var document = await rasterizer.OpenAsync(stream, file, options, cancellationToken);
                    for (var i = 0; i < document.PageCount; i++)
                    {
                        var page = await document.RenderPageAsync(i, cancellationToken);
                        render += page.RenderTime;
                        pages++;
                        if (outDirectory is not null)
                        {
                            var png = PngEncoder.Encode(page.Image);
                            await File.WriteAllBytesAsync(Path.Combine(outDirectory, $"{Path.GetFileNameWithoutExtension(file)}-{i + 1:D4}.png"), png, cancellationToken);
                        }
                    }
                }
            }

            wall.Stop();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"docpipe pages={pages} render_s={render.TotalSeconds:0.000} wall_s={wall.Elapsed.TotalSeconds:0.000} " +
                $"render_pages_per_s={pages / render.TotalSeconds:0.0} pages_per_s={pages / wall.Elapsed.TotalSeconds:0.0} " +
                $"peak_rss_mb={PeakRssMegabytes():0.0} png={(outDirectory is null ? "no" : "yes")}"));
            return ExitCodes.Success;
        });

        var bench = new Command("bench", "Developer benchmarks.") { Hidden = true };
        bench.Subcommands.Add(rasterize);
        return bench;
    }

    private static double PeakRssMegabytes()
    {
        // VmHWM: the process's peak resident set size (Linux).
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }
}
