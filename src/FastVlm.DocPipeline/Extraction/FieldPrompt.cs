using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// The user text sent for a field (the engine puts <c>&lt;image&gt;\n</c> in front): the question plus the
/// DocVQA short-answer post-prompt, or the field's own post-prompt.
/// </summary>
public static class FieldPrompt
{
    public const string ShortAnswerPostPrompt = "Answer the question using a single word or phrase.";

    public const string ListPostPrompt = "List each item on its own line.";

    public const int DefaultMaxTokens = 64;

    public const int DefaultListMaxTokens = 256;

    public const int DefaultTableMaxTokens = 1024;

    /// <summary>The most answer tokens a table field may ask for (long tables on one page).</summary>
    public const int MaxTableTokens = 4096;

    public const int DefaultMaxRows = 200;

    /// <summary>The default post-prompt of a table field; <c>{columns}</c> becomes the column headers joined by " | ".</summary>
    public const string TablePostPrompt = "Write one row per line with the cells separated by \" | \", in this order: {columns}. Write nothing else.";

    public static string Build(SchemaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var postPrompt = field.PostPrompt ?? field.Type switch
        {
            FieldType.List => ListPostPrompt,
            FieldType.Table => TablePostPrompt,
            _ => ShortAnswerPostPrompt,
        };
        if (field.Columns is { Count: > 0 } columns)
        {
            postPrompt = postPrompt.Replace("{columns}", string.Join(" | ", columns.Select(c => c.HeaderText)), StringComparison.Ordinal);
        }

        return postPrompt.Length == 0 ? field.Question : field.Question + "\n" + postPrompt;
    }

    public static GenerationOptions Options(SchemaField field) => new()
    {
        MaxNewTokens = field.MaxTokens ?? field.Type switch
        {
            FieldType.List => DefaultListMaxTokens,
            FieldType.Table => DefaultTableMaxTokens,
            _ => DefaultMaxTokens,
        },
    };
}
