using System.Diagnostics;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Deployment;

/// <summary>
/// The pinned Microsoft.ML.OnnxRuntime.Gpu.Linux package in the NuGet package folder, restored through
/// tests/gpu-package when it is not there yet (about 540 MB, once per machine).
/// </summary>
public sealed partial class OnnxRuntimeGpuPackage : IAsyncLifetime
{
    public const string PackageId = "Microsoft.ML.OnnxRuntime.Gpu.Linux";

    public string Version { get; } = PinnedVersion(PackageId);

    public string NativeDirectory { get; private set; } = "";

    public string ProviderLibrary => Path.Combine(NativeDirectory, "libonnxruntime_providers_cuda.so");

    /// <summary>The version Directory.Packages.props pins for <paramref name="packageId"/>.</summary>
    public static string PinnedVersion(string packageId)
    {
        var props = RepoPaths.ReadText("Directory.Packages.props");
        var match = Regex.Match(props, $"<PackageVersion Include=\"{Regex.Escape(packageId)}\" Version=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"{packageId} is not pinned in Directory.Packages.props.");
    }

    public async Task InitializeAsync()
    {
        var packages = await GlobalPackagesAsync();
        NativeDirectory = Path.Combine(packages, PackageId.ToLowerInvariant(), Version, "runtimes", "linux-x64", "native");
        if (!File.Exists(ProviderLibrary))
        {
            var restore = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
            foreach (var argument in new[] { "restore", RepoPaths.Of("tests/gpu-package/OnnxRuntimeGpuPackage.csproj"), "-v", "quiet", "-nologo" })
            {
                restore.ArgumentList.Add(argument);
            }

            restore.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            (await ChildProcess.RunAsync(restore, TimeSpan.FromMinutes(8), "The .NET SDK restores it.")).EnsureSuccess();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> GlobalPackagesAsync()
    {
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured)
        {
            return configured;
        }

        var locals = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        foreach (var argument in new[] { "nuget", "locals", "global-packages", "--list" })
        {
            locals.ArgumentList.Add(argument);
        }

        var result = (await ChildProcess.RunAsync(locals, TimeSpan.FromMinutes(1), "The .NET SDK lists it.")).EnsureSuccess();
        return GlobalPackagesLine().Match(result.StandardOutput).Groups[1].Value.Trim();
    }

    [GeneratedRegex(@"global-packages:\s*(.+)")]
    private static partial Regex GlobalPackagesLine();
}
