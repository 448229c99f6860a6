using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Model.Prompting;
using FastVlm.DocPipeline.Model.Tokenization;
using FastVlm.DocPipeline.Tests.Model.Tokenization;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Model.Prompting;

/// <summary>
/// Our prompt against the <c>chat_template</c> of tokenizer_config.json rendered and tokenised live by
/// transformers.js (<c>apply_chat_template</c>).
/// </summary>
public sealed class ChatTemplateParityTests
{
    [Fact]
    public async Task Prompt_ids_match_transformers_js_apply_chat_template()
    {
        (string? System, string Question)[] cases =
        [
            (null, "What is the invoice total?"),
            (null, " leading space and trailing newline\n"),
            (null, "\n\nWhat is the date?\nAnswer the question using a single word or phrase."),
            (null, "Ünïcödé e\u0301 日本語 👍🏽 𝐀𝟎 €1.234,56"),
            (null, ""),
            ("You extract fields from scanned invoices.", "Who is the vendor?"),
        ];

        var conversations = new JsonArray();
        foreach (var (system, question) in cases)
        {
            var messages = new JsonArray();
            if (system is not null)
            {
                messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
            }

            messages.Add(new JsonObject { ["role"] = "user", ["content"] = "<image>\n" + question });
            conversations.Add(messages);
        }

        string work = Directory.CreateTempSubdirectory("chat-template-").FullName;
        try
        {
            string input = Path.Combine(work, "conversations.json");
            string output = Path.Combine(work, "out.json");
            File.WriteAllText(input, conversations.ToJsonString());
            await NodePeer.RunAsync(
                "chat-template.mjs",
                [FastVlmTokenizerFiles.Directory, input, output],
                TimeSpan.FromMinutes(2));

            using JsonDocument reference = JsonDocument.Parse(File.ReadAllBytes(output));
            QwenTokenizer tokenizer = FastVlmTokenizerFiles.Tokenizer;
            for (int i = 0; i < cases.Length; i++)
            {
                var (system, question) = cases[i];
                var builder = new ChatPromptBuilder(
                    tokenizer,
                    system is null ? null : new ChatPromptOptions { SystemPrompt = system });
                int[] expectedIds = reference.RootElement.GetProperty("ids")[i].EnumerateArray().Select(e => e.GetInt32()).ToArray();
                string expectedText = reference.RootElement.GetProperty("texts")[i].GetString()!;

                builder.RenderText(question).Should().Be(expectedText, "case {0} must render like the chat template", i);
                builder.Build(question).TokenIds.Should().Equal(expectedIds, "case {0} must tokenise like transformers.js", i);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
