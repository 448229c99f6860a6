using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FastVlm.DocPipeline.Tests.Deployment;

/// <summary>
/// infra/main.bicep compiled to an ARM template by the Bicep CLI from the NuGet package
/// (Azure.Bicep.CommandLine.linux-x64, restored by scripts/lint-bicep.sh, which scripts/test.sh runs first).
/// </summary>
public sealed partial class CompiledBicep
{
    public CompiledBicep()
    {
        var bicep = FindBicep();
        var start = new ProcessStartInfo(bicep, ["build", RepositoryFiles.PathOf("infra/main.bicep"), "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({process.ExitCode}): {stderr.Result}");
        }

        Template = JsonNode.Parse(stdout.Result)!.AsObject();
    }

    public JsonObject Template { get; }

    /// <summary>The nested deployment of module <paramref name="name"/> (e.g. <c>containerApps</c>).</summary>
    public JsonObject Module(string name) =>
        Resources(Template).Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name);

    /// <summary>Resources of a template, whether listed (classic) or keyed by symbolic name (language version 2).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.Select(r => r!.AsObject()),
        JsonObject byName => byName.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    /// <summary>The function app's environment variables (name → value or ARM expression).</summary>
    public IReadOnlyDictionary<string, string> AppSettings() =>
        Module("containerApps")["properties"]!["parameters"]!["appSettings"]!["value"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);

    private static string FindBicep()
    {
        var version = PackageVersion().Match(RepositoryFiles.Read("Directory.Packages.props")).Groups[1].Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var candidates = new[]
        {
            Path.Combine(packages, "azure.bicep.commandline.linux-x64", version, "tools", "bicep"),
            RepositoryFiles.PathOf(".tools/bicep"),
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"The Bicep CLI {version} is not restored ({candidates[0]}): run scripts/lint-bicep.sh first.");
    }

    [GeneratedRegex("Include=\"Azure\\.Bicep\\.CommandLine\\.linux-x64\" Version=\"([^\"]+)\"")]
    private static partial Regex PackageVersion();
}
