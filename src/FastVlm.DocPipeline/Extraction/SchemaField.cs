namespace FastVlm.DocPipeline.Extraction;

/// <summary>One field of an <see cref="ExtractionSchema"/>.</summary>
public sealed record SchemaField
{
    /// <summary>Identifier used as the key in results (<c>fields.total.value</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The question asked about each page (<c>What is the invoice total?</c>).</summary>
    public required string Question { get; init; }

    public FieldType Type { get; init; } = FieldType.String;

    /// <summary>A required field that is not found marks the document for review.</summary>
    public bool Required { get; init; }

    public PageHint PageHint { get; init; } = PageHint.Any;

    /// <summary>Replaces the default post-prompt; an empty string sends the question alone.</summary>
    public string? PostPrompt { get; init; }

    /// <summary>Allowed values of an <see cref="FieldType.Enum"/> field.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Per-field override of the schema's review threshold (what <c>docpipe calibrate</c> writes).</summary>
    public double? ReviewThreshold { get; init; }

    /// <summary>Per-field override of the schema's locale.</summary>
    public string? Locale { get; init; }

    /// <summary>Per-field override of the schema's date order.</summary>
    public DateOrder? DateOrder { get; init; }

    /// <summary>Per-field override of the schema's default currency.</summary>
    public string? Currency { get; init; }

    /// <summary>Upper bound on answer tokens; defaults by type (lists and tables get more).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The typed columns of a <see cref="FieldType.Table"/> field, in the order the model writes them.</summary>
    public IReadOnlyList<TableColumn>? Columns { get; init; }

    /// <summary>Rows kept per page of a <see cref="FieldType.Table"/> field (default <see cref="FieldPrompt.DefaultMaxRows"/>).</summary>
    public int? MaxRows { get; init; }
}
