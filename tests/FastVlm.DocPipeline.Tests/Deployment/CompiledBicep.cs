using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Deployment;

/// <summary>
/// infra/main.bicep compiled to an ARM template by the Bicep CLI from the NuGet package
/// (Azure.Bicep.CommandLine.linux-x64, restored by scripts/lint-bicep.sh, which scripts/test.sh runs first).
/// </summary>
public sealed partial class CompiledBicep : IAsyncLifetime
{
    public JsonObject Template { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo(FindBicep(), ["build", RepoPaths.Of("infra/main.bicep"), "--stdout"]);
        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3), "Run scripts/lint-bicep.sh first (it restores the Bicep CLI).");
        Template = JsonNode.Parse(result.EnsureSuccess().StandardOutput)!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

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

    internal static string FindBicep()
    {
        var version = PackageVersion().Match(RepoPaths.ReadText("Directory.Packages.props")).Groups[1].Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var candidates = new[]
        {
            Path.Combine(packages, "azure.bicep.commandline.linux-x64", version, "tools", "bicep"),
            RepoPaths.Of(".tools/bicep"),
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"The Bicep CLI {version} is not restored ({candidates[0]}): run scripts/lint-bicep.sh first.");
    }

    [GeneratedRegex("Include=\"Azure\\.Bicep\\.CommandLine\\.linux-x64\" Version=\"([^\"]+)\"")]
    private static partial Regex PackageVersion();
}
