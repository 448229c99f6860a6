using System.Diagnostics;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Deployment;

/// <summary>
/// The GPU image can load ONNX Runtime's CUDA provider: every shared library the pinned provider build links
/// (its ELF <c>NEEDED</c> entries, read by our own reader and by binutils' readelf) is in the Functions base image
/// (glibc, libstdc++), injected by the NVIDIA container runtime (the driver), or shipped by a CUDA wheel in the
/// Dockerfile whose major version is the library's soname major. The libraries ONNX Runtime loads at run time
/// (cuDNN 9, cuFFT, NVRTC) are shipped too, and the image build checks each file is there.
/// </summary>
public sealed partial class GpuImageLibrariesTests(OnnxRuntimeGpuPackage package) : IClassFixture<OnnxRuntimeGpuPackage>
{
    /// <summary>What the Debian 12 Functions base image provides: glibc and the GCC runtime.</summary>
    private static readonly HashSet<string> BaseImage =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "ld-linux-x86-64.so.2", "libstdc++.so.6", "libgcc_s.so.1",
    ];

    /// <summary>The user-mode driver, which the NVIDIA container runtime mounts from the host.</summary>
    private const string Driver = "libcuda.so.1";

    /// <summary>NVIDIA's wheel for each CUDA library (the cuDNN wheel's name carries the CUDA major: nvidia-cudnn-cuNN).</summary>
    private static readonly Dictionary<string, string> WheelOf = new(StringComparer.Ordinal)
    {
        ["libcudart"] = "nvidia-cuda-runtime",
        ["libcublas"] = "nvidia-cublas",
        ["libcublasLt"] = "nvidia-cublas",
        ["libcurand"] = "nvidia-curand",
        ["libcufft"] = "nvidia-cufft",
        ["libnvrtc"] = "nvidia-cuda-nvrtc",
        ["libcudnn"] = "nvidia-cudnn-cu",
    };

    private static string Dockerfile => RepoPaths.ReadText("src/FastVlm.DocPipeline.Functions/Dockerfile");

    [Fact]
    public void The_cpu_and_gpu_builds_pin_one_onnx_runtime_version()
    {
        OnnxRuntimeGpuPackage.PinnedVersion("Microsoft.ML.OnnxRuntime").Should().Be(package.Version);
    }

    [Fact]
    public async Task Our_elf_reader_agrees_with_readelf_on_the_cuda_provider()
    {
        var start = new ProcessStartInfo("readelf");
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add(package.ProviderLibrary);
        var result = (await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2), "scripts/install-apt-tools.sh installs binutils.")).EnsureSuccess();
        var fromReadelf = NeededLine().Matches(result.StandardOutput).Select(m => m.Groups[1].Value).ToArray();

        fromReadelf.Should().NotBeEmpty();
        ElfDynamicSection.ReadNeeded(package.ProviderLibrary).Should().Equal(fromReadelf);
    }

    [Fact]
    public void Every_library_the_cuda_provider_links_is_in_the_image()
    {
        var wheels = Wheels();
        var verified = VerifiedLibraries();
        var needed = new[] { "libonnxruntime.so", "libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so" }
            .SelectMany(name => ElfDynamicSection.ReadNeeded(Path.Combine(package.NativeDirectory, name)))
            .Distinct()
            .ToArray();
        var cudart = needed.Should().ContainSingle(n => n.StartsWith("libcudart.so.", StringComparison.Ordinal), "the provider links the CUDA runtime").Subject;
        var cudaMajor = Major(cudart);

        foreach (var library in needed.Where(n => !BaseImage.Contains(n) && n != Driver))
        {
            var stem = library[..library.IndexOf(".so", StringComparison.Ordinal)];
            WheelOf.Should().ContainKey(stem, $"{library} must come from a known CUDA wheel");
            var wheel = WheelFor(wheels, stem, cudaMajor);
            wheel.Version.Split('.')[0].Should().Be(Major(library), $"{wheel.Name}=={wheel.Version} provides {library}");
            verified.Should().Contain(library, "the image build checks the file is there");
        }

        Dockerfile.Should().MatchRegex(@"NVIDIA_DRIVER_CAPABILITIES=[^\s]*compute", "the container runtime injects libcuda.so.1 only for the compute capability");
    }

    [Fact]
    public void The_libraries_loaded_at_run_time_ship_for_the_same_cuda_major()
    {
        var wheels = Wheels();
        var verified = VerifiedLibraries();
        var cudaMajor = Major(ElfDynamicSection.ReadNeeded(package.ProviderLibrary).Single(n => n.StartsWith("libcudart.so.", StringComparison.Ordinal)));

        WheelFor(wheels, "libcudnn", cudaMajor).Version.Should().StartWith("9.", "ONNX Runtime's CUDA provider needs cuDNN 9");
        verified.Should().Contain("libcudnn.so.9");
        foreach (var stem in new[] { "libcufft", "libnvrtc" })
        {
            var wheel = WheelFor(wheels, stem, cudaMajor);
            verified.Should().Contain($"{stem}.so.{wheel.Version.Split('.')[0]}");
        }

        wheels.Should().NotContain(w => w.Name.EndsWith("-cu12", StringComparison.Ordinal) || w.Name.EndsWith("-cu11", StringComparison.Ordinal), "one CUDA major in the image");
    }

    [Fact]
    public void The_image_build_publishes_the_gpu_flavour_with_the_durable_task_scheduler_and_puts_the_libraries_on_the_loader_path()
    {
        var publish = Dockerfile.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Single(l => l.Contains("dotnet publish", StringComparison.Ordinal) && l.Contains("FastVlm.DocPipeline.Functions.csproj", StringComparison.Ordinal));
        publish.Should().Contain("-p:OnnxRuntimeFlavor=Gpu").And.Contain("-p:IncludeDurableTaskScheduler=true");
        Dockerfile.Should().Contain("COPY --from=cuda /opt/cuda/lib/ /opt/cuda/lib/");
        Dockerfile.Should().MatchRegex(@"LD_LIBRARY_PATH=[^\s]*/opt/cuda/lib");
    }

    private static (string Name, string Version) WheelFor(IReadOnlyList<(string Name, string Version)> wheels, string stem, string cudaMajor)
    {
        var name = WheelOf[stem];
        if (name.EndsWith("-cu", StringComparison.Ordinal))
        {
            name += cudaMajor;
        }

        var matches = wheels.Where(w => w.Name == name).ToArray();
        matches.Should().ContainSingle($"the Dockerfile installs {name} for CUDA {cudaMajor} ({stem})");
        return matches[0];
    }

    /// <summary>The pinned wheels of the Dockerfile's <c>cuda</c> stage.</summary>
    private static IReadOnlyList<(string Name, string Version)> Wheels()
    {
        var text = Dockerfile;
        var stage = text[text.IndexOf(" AS cuda", StringComparison.Ordinal)..];
        stage = stage[..stage.IndexOf("\nFROM ", StringComparison.Ordinal)];
        var install = stage[stage.IndexOf("pip install", StringComparison.Ordinal)..];
        install = install[..install.IndexOf("&&", StringComparison.Ordinal)];
        return PinnedWheel().Matches(install).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();
    }

    /// <summary>The libraries the image build checks for (<c>for lib in …; do test -e</c>).</summary>
    private static IReadOnlyList<string> VerifiedLibraries() =>
        VerifyLoop().Match(Dockerfile).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The soname's major version: libcublas.so.13 → 13.</summary>
    private static string Major(string soname) => soname[(soname.IndexOf(".so.", StringComparison.Ordinal) + 4)..].Split('.')[0];

    [GeneratedRegex(@"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")]
    private static partial Regex NeededLine();

    [GeneratedRegex(@"(?<![\w-])(nvidia-[a-z0-9-]+)==([0-9][0-9.]*)")]
    private static partial Regex PinnedWheel();

    [GeneratedRegex(@"for lib in ([^;]+); do\s*\\?\s*test -e")]
    private static partial Regex VerifyLoop();
}
