namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// One column of a table field. <see cref="Type"/> is a scalar type (string, number, currency, date, boolean);
/// <see cref="Header"/> is how the column is named in the prompt and recognised in header rows.
/// </summary>
public sealed record TableColumn
{
    public required string Name { get; init; }

    public FieldType Type { get; init; } = FieldType.String;

    /// <summary>The column's name as the document shows it (<c>Unit price</c>); defaults to the name split into words.</summary>
    public string? Header { get; init; }

    /// <summary>A row without this cell marks the field for review.</summary>
    public bool Required { get; init; }

    public string HeaderText => Header ?? SplitWords(Name);

    /// <summary>The column as a field of its own, for normalising and grounding its cells: its type, with the table's locale, date order and currency.</summary>
    public SchemaField AsCellField(SchemaField table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new SchemaField
        {
            Name = Name,
            Question = "",
            Type = Type,
            Locale = table.Locale,
            DateOrder = table.DateOrder,
            Currency = table.Currency,
        };
    }

    private static string SplitWords(string name)
    {
        var words = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '_')
            {
                words.Append(' ');
                continue;
            }

            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ');
            }

            words.Append(words.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
