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

    public static string Build(SchemaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var postPrompt = field.PostPrompt ?? (field.Type == FieldType.List ? ListPostPrompt : ShortAnswerPostPrompt);
        return postPrompt.Length == 0 ? field.Question : field.Question + "\n" + postPrompt;
    }

    public static GenerationOptions Options(SchemaField field) => new()
    {
        MaxNewTokens = field.MaxTokens ?? (field.Type == FieldType.List ? DefaultListMaxTokens : DefaultMaxTokens),
    };
}
