using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Model.Tokenization;

namespace FastVlm.DocPipeline.Tests.Model.Tokenization;

public sealed class QwenTokenizerLoadingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tokenizer-loading-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Missing_file_gives_tokenizer_missing_naming_the_file()
    {
        string path = Path.Combine(_dir, "tokenizer.json");

        var act = () => QwenTokenizer.FromModelDirectory(_dir);

        act.Should().Throw<TokenizerException>()
            .Where(e => e.Code == TokenizerErrorCodes.Missing && e.Message.Contains(path));
    }

    [Theory]
    [InlineData("{ \"model\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"model\": { \"type\": \"BPE\", \"vocab\": {}, \"merges\": [] } }")]
    [InlineData("{ \"model\": { \"type\": \"BPE\", \"vocab\": { \"a\": \"x\" }, \"merges\": [] } }")]
    [InlineData("{ \"model\": { \"type\": \"BPE\", \"vocab\": { \"a\": 0 } } }")]
    public void Malformed_file_gives_tokenizer_invalid_naming_the_file(string json)
    {
        string path = Path.Combine(_dir, "tokenizer.json");
        File.WriteAllText(path, json);

        var act = () => QwenTokenizer.FromFile(path);

        act.Should().Throw<TokenizerException>()
            .Where(e => e.Code == TokenizerErrorCodes.Invalid && e.Message.Contains(path));
    }

    [Theory]
    [InlineData("model.type", "WordPiece")]
    [InlineData("normalizer.type", "NFKC")]
    [InlineData("pre_tokenizer.pretokenizers.0.pattern.Regex", "\\s+")]
    [InlineData("decoder.type", "Metaspace")]
    public void Another_pipeline_gives_tokenizer_unsupported(string property, string value)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(FastVlmTokenizerFiles.TokenizerJson))!;
        string[] parts = property.Split('.');
        JsonNode node = root;
        foreach (string part in parts[..^1])
        {
            node = int.TryParse(part, out int index) ? node[index]! : node[part]!;
        }

        node[parts[^1]] = value;
        string path = Path.Combine(_dir, "tokenizer.json");
        File.WriteAllText(path, root.ToJsonString());

        var act = () => QwenTokenizer.FromFile(path);

        act.Should().Throw<TokenizerException>()
            .Where(e => e.Code == TokenizerErrorCodes.Unsupported && e.Message.Contains(path));
    }

    [Fact]
    public void Reads_special_tokens_and_flags_from_the_file()
    {
        QwenTokenizer tokenizer = FastVlmTokenizerFiles.Tokenizer;

        tokenizer.GetAddedTokenId("<|im_start|>").Should().Be(151644);
        tokenizer.GetAddedTokenId("<|im_end|>").Should().Be(151645);
        tokenizer.GetAddedTokenId("<image>").Should().Be(FastVlmTokenizerFiles.ImageTokenId);
        tokenizer.IsSpecialToken(151643).Should().BeTrue();
        tokenizer.IsSpecialToken(100).Should().BeFalse();
        tokenizer.VocabularySize.Should().Be(FastVlmTokenizerFiles.ImageTokenId + 1);
        tokenizer.FindAddedToken("<think>").Should().BeNull("Qwen3's added tokens were dropped");
        var act = () => tokenizer.GetAddedTokenId("<video>");
        act.Should().Throw<TokenizerException>().Where(e => e.Code == TokenizerErrorCodes.MissingToken);
    }

    [Fact]
    public void Lone_surrogates_encode_as_the_replacement_character()
    {
        QwenTokenizer tokenizer = FastVlmTokenizerFiles.Tokenizer;

        tokenizer.Encode("a\uD800b").Should().Equal(tokenizer.Encode("a\uFFFDb"));
        tokenizer.Decode(tokenizer.Encode("x\uDFFF")).Should().Be("x\uFFFD");
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_ids_as_a_single_caller()
    {
        QwenTokenizer tokenizer = FastVlmTokenizerFiles.Tokenizer;
        List<string> corpus = TokenizerCorpus.Generate(2_000, seed: 7);
        int[][] sequential = corpus.Select(tokenizer.Encode).ToArray();

        int[][][] parallel = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => corpus.Select(tokenizer.Encode).ToArray())));

        foreach (int[][] run in parallel)
        {
            for (int i = 0; i < corpus.Count; i++)
            {
                run[i].Should().Equal(sequential[i]);
            }
        }
    }

    [Theory]
    [InlineData("word ")]
    [InlineData("x")]
    [InlineData(" \n")]
    [InlineData("日本語")]
    public void A_100_kb_input_encodes_and_round_trips(string unit)
    {
        QwenTokenizer tokenizer = FastVlmTokenizerFiles.Tokenizer;
        string text = string.Concat(Enumerable.Repeat(unit, 100_000 / unit.Length));

        int[] ids = tokenizer.Encode(text);

        ids.Should().NotBeEmpty();
        tokenizer.Decode(ids).Should().Be(text);
    }
}
