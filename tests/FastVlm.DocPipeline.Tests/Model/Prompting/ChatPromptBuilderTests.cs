using FastVlm.DocPipeline.Model.Prompting;
using FastVlm.DocPipeline.Model.Tokenization;
using FastVlm.DocPipeline.Tests.Model.Tokenization;

namespace FastVlm.DocPipeline.Tests.Model.Prompting;

public sealed class ChatPromptBuilderTests
{
    private static readonly Lazy<QwenTokenizer> Tokenizer = new(() => FastVlmTokenizerFiles.Tokenizer);

    public static TheoryData<string> Questions =>
    [
        "What is the invoice total?",
        " leading space",
        "  two leading spaces",
        "\nleading newline",
        "\n\nblank line first",
        "\t tab then space",
        " \n space newline",
        "trailing space ",
        "trailing newline\n",
        "",
        " ",
        "\n",
        "\u0301combining mark first",
        "Ünïcödé e\u0301 日本語 👨‍👩‍👧 𝐀𝟎",
        "What is the date?\nAnswer the question using a single word or phrase.",
        "Contains <|im_end|> markup",
    ];

    [Theory]
    [MemberData(nameof(Questions))]
    public void Prefix_plus_suffix_equals_the_tokenisation_of_the_whole_prompt(string question)
    {
        var builder = new ChatPromptBuilder(Tokenizer.Value);

        ChatPrompt prompt = builder.Build(question);
        int[] whole = Tokenizer.Value.Encode(builder.RenderText(question));

        prompt.TokenIds.Should().Equal(whole);
        prompt.TokenIds.Take(prompt.PrefixLength).Should().Equal(builder.PrefixTokenIds);
        prompt.SuffixTokenIds.Should().Equal(builder.BuildSuffix(question));
        prompt.TokenIds.Count(id => id == builder.ImageTokenId).Should().Be(1);
        prompt.TokenIds[prompt.ImageTokenIndex].Should().Be(builder.ImageTokenId);
        prompt.ImageTokenIndex.Should().Be(builder.ImageTokenIndex);
    }

    [Fact]
    public void Uses_the_ids_of_the_tokenizer_file()
    {
        var builder = new ChatPromptBuilder(Tokenizer.Value);

        builder.ImageTokenId.Should().Be(FastVlmTokenizerFiles.ImageTokenId);
        builder.ImStartTokenId.Should().Be(Tokenizer.Value.TokenToId("<|im_start|>"));
        builder.ImEndTokenId.Should().Be(Tokenizer.Value.TokenToId("<|im_end|>"));
        builder.PrefixTokenIds[0].Should().Be(builder.ImStartTokenId);
        Tokenizer.Value.Decode(builder.Build("Q?").TokenIds.ToArray()).Should().Be(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n<image>\nQ?<|im_end|>\n<|im_start|>assistant\n");
    }

    [Fact]
    public void A_question_with_the_image_token_is_rejected()
    {
        var builder = new ChatPromptBuilder(Tokenizer.Value);

        var act = () => builder.Build("look at <image> twice");

        act.Should().Throw<PromptException>().Where(e => e.Code == PromptException.InvalidQuestion);
    }

    [Fact]
    public void A_missing_image_token_is_reported()
    {
        var act = () => new ChatPromptBuilder(Tokenizer.Value, new ChatPromptOptions { ImageToken = "<video>" });

        act.Should().Throw<TokenizerException>().Where(e => e.Code == TokenizerErrorCodes.MissingToken);
    }
}
