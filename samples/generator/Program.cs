using System.Text.Json;
using FastVlm.DocPipeline.Samples;

// Writes samples/*.pdf and samples/*.truth.json (default: the repository's samples/ folder), or with
// `bench PAGES FILE` a long multi-page document for the rasteriser benchmark.
if (args is ["bench", var pagesText, var benchPath])
{
    File.WriteAllBytes(benchPath, BenchDocument.Create(int.Parse(pagesText, System.Globalization.CultureInfo.InvariantCulture)));
    Console.WriteLine($"wrote {benchPath}");
    return 0;
}

var output = args.Length > 0 ? args[0] : Path.Combine(FindRepositoryRoot(), "samples");
Directory.CreateDirectory(output);
var json = new JsonSerializerOptions { WriteIndented = true };
foreach (var sample in SampleSet.All())
{
    File.WriteAllBytes(Path.Combine(output, sample.Name + ".pdf"), sample.Pdf);
    File.WriteAllText(Path.Combine(output, sample.Name + ".truth.json"), JsonSerializer.Serialize(sample.Truth, json) + "\n");
    Console.WriteLine($"{sample.Name}.pdf ({sample.Pdf.Length:N0} bytes)");
}

return 0;

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "FastVlm.DocPipeline.sln")))
        {
            return directory.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run from inside the repository or pass the output folder.");
}
