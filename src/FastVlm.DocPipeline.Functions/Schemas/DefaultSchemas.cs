using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Functions.Schemas;

/// <summary>
/// Which schema a blob gets when nobody names one: the longest matching blob-name prefix of
/// <c>Pipeline__DefaultSchemas</c> (<c>"invoices/=invoice;receipts/=receipt@2"</c>), else <c>Pipeline__Schema</c>.
/// </summary>
public sealed class DefaultSchemas
{
    private readonly IReadOnlyList<(string Prefix, SchemaReference Schema)> _byPrefix;

    public DefaultSchemas(string fallback, string? byPrefix = null)
    {
        Fallback = SchemaReference.Parse(fallback);
        var entries = new List<(string, SchemaReference)>();
        foreach (var entry in (byPrefix ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new DocPipelineException(
                    FunctionsErrorCodes.DefaultSchemasInvalid,
                    $"Setting Pipeline__DefaultSchemas has '{entry}'; write prefix=schema pairs separated by ';', e.g. \"invoices/=invoice;receipts/=receipt@2\".");
            }

            entries.Add((entry[..eq].Trim(), SchemaReference.Parse(entry[(eq + 1)..])));
        }

        _byPrefix = entries.OrderByDescending(e => e.Item1.Length).ToArray();
    }

    public SchemaReference Fallback { get; }

    public SchemaReference For(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        foreach (var (prefix, schema) in _byPrefix)
        {
            if (blobName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return schema;
            }
        }

        return Fallback;
    }
}
