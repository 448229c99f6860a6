using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Tests.TestSupport;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace FastVlm.DocPipeline.Tests.Architecture;

/// <summary>
/// The README's layering, checked on the compiled assemblies: every dependency runs one way,
/// Contracts → Imaging → Rasterization → Model → Extraction → Workflow → adapters → hosts.
/// </summary>
public sealed class LayerDependencyTests
{
    private const string Root = "FastVlm.DocPipeline";

    // Lowest first. Layers in one row are siblings: neither may use the other.
    private static readonly string[][] Layers =
    [
        ["Contracts"],
        ["Imaging"],
        ["Rasterization"],
        ["Model"],
        ["Extraction"],
        ["Telemetry"],
        ["Workflow"],
        ["Storage", "Blobs"],
        ["Events"],
        ["Cli", "Functions"],
    ];

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Loaded = new(() => new ArchLoader()
        .LoadAssemblies(typeof(DocPipeline.Contracts.DocPipelineException).Assembly, typeof(DocPipeline.Cli.ExitCodes).Assembly)
        .Build());

    public static TheoryData<string, string> ForbiddenPairs()
    {
        var data = new TheoryData<string, string>();
        for (var i = 0; i < Layers.Length; i++)
        {
            foreach (var layer in Layers[i])
            {
                foreach (var sibling in Layers[i].Where(s => s != layer))
                {
                    data.Add(layer, sibling);
                }

                foreach (var higher in Layers.Skip(i + 1).SelectMany(row => row))
                {
                    data.Add(layer, higher);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ForbiddenPairs))]
    public void A_layer_never_uses_a_layer_above_it_or_beside_it(string layer, string forbidden)
    {
        Types().That().ResideInNamespaceMatching(NamespacePattern(layer))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(NamespacePattern(forbidden))
            .WithoutRequiringPositiveResults()
            .Check(Loaded.Value);
    }

    [Fact]
    public void Every_type_of_the_product_lives_in_a_known_layer()
    {
        var known = Layers.SelectMany(row => row).ToArray();
        var strays = Loaded.Value.Types
            .Where(t => t.Namespace.FullName.StartsWith(Root, StringComparison.Ordinal))
            .Where(t => !t.Name.StartsWith('<'))
            .Where(t => !known.Any(layer => Regex.IsMatch(t.Namespace.FullName, NamespacePattern(layer))))
            .Select(t => t.FullName)
            .ToList();

        strays.Should().BeEmpty("every namespace of the product belongs to one layer of the README's architecture");
    }

    [Fact]
    public void The_rule_catches_a_real_upward_dependency()
    {
        // Extraction's merge reads stored records (Contracts); Contracts must never read Extraction back.
        var upward = () => Types().That().ResideInNamespaceMatching(NamespacePattern("Extraction"))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(NamespacePattern("Contracts"))
            .Check(Loaded.Value);

        upward.Should().Throw<Exception>();
    }

    [Fact]
    public void Using_directives_respect_the_layers_too()
    {
        // Constants are inlined into the IL, so a layer that only reads another's error codes is invisible above;
        // the source's using directives and qualified names show it.
        var reference = new Regex($@"\b{Regex.Escape(Root)}\.(\w+)");
        var violations = new List<string>();
        foreach (var (file, layer) in SourceFiles())
        {
            var rank = RankOf(layer);
            foreach (Match match in reference.Matches(File.ReadAllText(file)))
            {
                var used = match.Groups[1].Value;
                if (used == layer || RankOf(used) is not { } usedRank)
                {
                    continue;
                }

                if (usedRank >= rank)
                {
                    violations.Add($"{Path.GetRelativePath(RepoPaths.Root, file)} ({layer}) uses {used}");
                }
            }
        }

        violations.Distinct().Should().BeEmpty();
    }

    private static IEnumerable<(string File, string Layer)> SourceFiles()
    {
        var core = Path.Combine(RepoPaths.Root, "src", Root);
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(core, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length > 1 && relative[0] is not ("bin" or "obj"))
            {
                yield return (file, relative[0]);
            }
        }
    }

    private static int? RankOf(string layer)
    {
        for (var i = 0; i < Layers.Length; i++)
        {
            if (Layers[i].Contains(layer))
            {
                return i;
            }
        }

        return null;
    }

    private static string NamespacePattern(string layer) => $@"^{Regex.Escape(Root)}\.{layer}(\..*)?$";
}
