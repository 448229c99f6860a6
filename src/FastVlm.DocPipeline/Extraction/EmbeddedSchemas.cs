using System.Reflection;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>The sample schemas (samples/schemas/*.json) compiled into the library, so <c>--schema invoice</c> works anywhere.</summary>
public static class EmbeddedSchemas
{
    private const string Prefix = "FastVlm.DocPipeline.Extraction.Schemas.";

    private static readonly Assembly Assembly = typeof(EmbeddedSchemas).Assembly;

    /// <summary>Names of the built-in schemas, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The JSON text of a built-in schema, or null when there is none of that name.</summary>
    public static string? TryGetJson(string name)
    {
        if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var resource = Prefix + Names.First(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) + ".json";
        using var stream = Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static ExtractionSchema Get(string name) =>
        TryGetJson(name) is { } json ? SchemaLoader.Parse(json, $"built-in:{name}") : throw new SchemaNotFoundException(name, Names);
}
