using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Tokenization;
using FastVlm.DocPipeline.Tests.Model.Tokenization;

namespace FastVlm.DocPipeline.Tests.Model.Engine;

/// <summary>The engine's answers (one question and a batch) say where each generated token is in the text, as decoding every prefix says.</summary>
[Collection(EngineModelsCollection.Name)]
public sealed class TokenSpanEngineTests(EngineTestModels models)
{
    [Fact]
    public async Task Every_answer_gives_the_text_span_of_each_of_its_tokens()
    {
        using var engine = FastVlmEngine.Load(new FastVlmEngineOptions { ModelDirectory = models.TinyQwen3 });
        using var page = await engine.EncodeImageAsync(TestImages.Text(models.ImageSize, models.ImageSize, "Chair | 2 | 10.00"));
        var tokenizer = QwenTokenizer.FromModelDirectory(models.TinyQwen3);
        var options = new GenerationOptions { MaxNewTokens = 24, MinNewTokens = 24 };

        var single = await engine.AskAsync(page, "What are the line items?", options);
        var batch = await engine.AskManyAsync(page, ["What are the line items?", "Total?"], options);

        foreach (var answer in batch.Prepend(single))
        {
            answer.TokenSpans.Should().NotBeNull().And.HaveCount(answer.TokenIds.Count);
            answer.TokenSpans.Should().Equal(TokenTextSpanTests.OracleSpans(tokenizer, answer.TokenIds, skipSpecialTokens: true));
            answer.TokenSpans!.Max(s => s.End).Should().Be(answer.Text.Length);
        }
    }
}
