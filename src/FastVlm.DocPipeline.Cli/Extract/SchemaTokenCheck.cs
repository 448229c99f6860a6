using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Prompting;
using FastVlm.DocPipeline.Model.Tokenization;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>Counts every field's prompt with the model's own tokenizer and chat template before any page is processed.</summary>
internal static class SchemaTokenCheck
{
    /// <exception cref="SchemaValidationException">A field's prompt is over the model's question token limit.</exception>
    public static void Run(ExtractionSchema schema, string modelDirectory)
    {
        var config = FastVlmModelConfig.Load(modelDirectory);
        var prompts = new ChatPromptBuilder(QwenTokenizer.FromModelDirectory(modelDirectory), new ChatPromptOptions { ImageToken = config.Processor.ImageToken });
        SchemaQuestionRules.CheckTokens(schema, question => prompts.BuildSuffix(question).Length, new FastVlmEngineOptions().MaxUserTextTokens, schema.Name);
    }
}
