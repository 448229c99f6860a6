using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// What a field's prompt must be for the model to accept it, checked when a schema is loaded rather than per
/// page at run time: no chat markup or image token (the prompt places the one image itself), at most
/// <see cref="FastVlmEngineOptions.MaxUserTextChars"/> characters, and, once the model's tokenizer is known,
/// at most <see cref="FastVlmEngineOptions.MaxUserTextTokens"/> tokens.
/// </summary>
public static class SchemaQuestionRules
{
    /// <summary>Markup the chat template writes itself; in a question it would break the prompt.</summary>
    public static readonly string[] ReservedMarkup = ["<image>", "<|im_start|>", "<|im_end|>", "<|endoftext|>"];

    /// <summary>Adds an error per field whose question or post prompt breaks a rule that needs no model (nothing when the schema could not be read).</summary>
    public static void Check(ExtractionSchema? schema, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (schema is null)
        {
            return;
        }

        var maxChars = new FastVlmEngineOptions().MaxUserTextChars;
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            foreach (var (property, text) in new[] { ("question", field.Question), ("postPrompt", field.PostPrompt) })
            {
                if (text is not null && ReservedMarkup.FirstOrDefault(m => text.Contains(m, StringComparison.Ordinal)) is { } markup)
                {
                    errors.Add($"fields[{i}].{property}: contains '{markup}', which the prompt writes itself (the page image goes before every question); remove it");
                }
            }

            var prompt = FieldPrompt.Build(field);
            if (prompt.Length > maxChars)
            {
                errors.Add($"fields[{i}].question: the prompt is {prompt.Length:N0} characters long; the model accepts at most {maxChars:N0} (FastVlmEngineOptions.MaxUserTextChars)");
            }
        }
    }

    /// <summary>Checks every field's prompt against the model's token limit before any page is processed.</summary>
    /// <param name="countTokens">The tokens the model spends on a question (its chat suffix), from the model's own tokenizer.</param>
    /// <exception cref="SchemaValidationException">A prompt is over <paramref name="maxTokens"/>.</exception>
    public static void CheckTokens(ExtractionSchema schema, Func<string, int> countTokens, int maxTokens, string source)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(countTokens);
        var errors = new List<string>();
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var tokens = countTokens(FieldPrompt.Build(schema.Fields[i]));
            if (tokens > maxTokens)
            {
                errors.Add($"fields[{i}].question: the prompt is {tokens:N0} tokens for this model; the limit is {maxTokens:N0} (FastVlmEngineOptions.MaxUserTextTokens); shorten it");
            }
        }

        if (errors.Count > 0)
        {
            throw new SchemaValidationException(source, errors);
        }
    }
}
