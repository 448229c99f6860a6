using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Functions.Schemas;

/// <summary>
/// A schema named by a caller or a setting: <c>name</c> or <c>name@version</c>, looked up in the schemas
/// container. Names are plain identifiers, so nothing a caller sends can become a path on the worker.
/// </summary>
public sealed partial record SchemaReference(string Name, string? Version)
{
    public static SchemaReference Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Contains('/') || text.Contains('\\') || text.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.StartsWith('.'))
        {
            throw new DocPipelineException(
                FunctionsErrorCodes.SchemaPathNotAllowed,
                $"'{value}' looks like a path; schemas are chosen by name (\"invoice\" or \"invoice@1.0\") from the schemas container. Upload the schema there as {{name}}/{{version}}.json.");
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? text : text[..at];
        var version = at < 0 ? null : text[(at + 1)..];
        if (!NamePattern().IsMatch(name) || (version is not null && !VersionPattern().IsMatch(version)))
        {
            throw new DocPipelineException(
                FunctionsErrorCodes.SchemaNameInvalid,
                $"'{value}' is not a schema name; use letters, digits, '-' or '_' (\"invoice\"), optionally with a version (\"invoice@1.0\").");
        }

        return new SchemaReference(name, version);
    }

    public override string ToString() => Version is null ? Name : $"{Name}@{Version}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
    private static partial Regex VersionPattern();
}
