using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Model.Tokenization;

namespace FastVlm.DocPipeline.Tests.Model.Tokenization;

/// <summary>
/// Where each token's text lies in the decoded answer, against an oracle that decodes every prefix of the ids: a
/// token starts where the text of the ids before it ends (one character earlier when that text ends inside a character).
/// </summary>
public sealed class TokenTextSpanTests
{
    private static QwenTokenizer Tokenizer => FastVlmTokenizerFiles.Tokenizer;

    [Theory]
    [InlineData("Office chair | 2 | 289.00 | 578.00\nDesk, oak | 1 | 649.50 | 649.50")]
    [InlineData("Café crème | 12,50 € | naïve façade")]
    [InlineData("日本語の請求書 | 数量 3")]
    [InlineData("龘 齉 爩 鱻 | 𝔘𝔫𝔦 😀")]
    public void Spans_match_the_prefix_decoding_oracle(string text)
    {
        var ids = Tokenizer.Encode(text);
        var spans = new TokenTextSpan[ids.Length];

        var decoded = Tokenizer.Decode(ids, skipSpecialTokens: true, spans);

        decoded.Should().Be(text);
        spans.Should().Equal(OracleSpans(Tokenizer, ids, skipSpecialTokens: true));
    }

    [Fact]
    public void A_character_split_over_two_tokens_is_covered_by_both_and_a_skipped_special_token_is_empty()
    {
        var text = "龘 齉 爩 鱻 | 𝔘𝔫𝔦";
        int[] ids = [.. Tokenizer.Encode(text), Tokenizer.GetAddedTokenId("<|im_end|>")];
        var spans = new TokenTextSpan[ids.Length];

        var decoded = Tokenizer.Decode(ids, skipSpecialTokens: true, spans);

        decoded.Should().Be(text);
        var shared = Enumerable.Range(1, ids.Length - 2).Where(i => spans[i].Start < spans[i - 1].End).ToArray();
        shared.Should().NotBeEmpty("rare characters are split into byte tokens");
        foreach (var i in shared)
        {
            Tokenizer.Decode([ids[i]]).Should().Contain("\uFFFD", "a token holding part of a character does not decode alone");
        }

        spans[^1].Should().Be(new TokenTextSpan(text.Length, 0));
    }

    [Fact]
    public void Invalid_utf8_from_a_lone_byte_token_becomes_one_replacement_character_with_its_own_span()
    {
        // The byte-level token "é" is the single byte 0xE9: the lead byte of a three-byte character, here cut off.
        var lead = Tokenizer.TokenToId("\u00e9")!.Value;
        int[] ids = [.. Tokenizer.Encode("a"), lead, .. Tokenizer.Encode("b")];
        var spans = new TokenTextSpan[ids.Length];

        var decoded = Tokenizer.Decode(ids, skipSpecialTokens: true, spans);

        decoded.Should().Be("a\uFFFDb");
        spans.Should().Equal(OracleSpans(Tokenizer, ids, skipSpecialTokens: true));
    }

    /// <summary>The oracle: every span from the decoded prefixes, without the byte-level code under test.</summary>
    internal static TokenTextSpan[] OracleSpans(QwenTokenizer tokenizer, IReadOnlyList<int> ids, bool skipSpecialTokens)
    {
        var all = ids.ToArray();
        var text = tokenizer.Decode(all, skipSpecialTokens);
        var spans = new TokenTextSpan[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            var before = tokenizer.Decode(all[..i], skipSpecialTokens);
            var through = tokenizer.Decode(all[..(i + 1)], skipSpecialTokens);
            var start = text.StartsWith(before, StringComparison.Ordinal) ? before.Length : before.Length - 1;
            if (skipSpecialTokens && tokenizer.IsSpecialToken(all[i]))
            {
                spans[i] = new TokenTextSpan(start, 0);
                continue;
            }

            var end = text.StartsWith(through, StringComparison.Ordinal)
                ? through.Length
                : through.Length - 1 + (char.IsHighSurrogate(text[through.Length - 1]) ? 2 : 1);
            spans[i] = new TokenTextSpan(start, end - start);
        }

        return spans;
    }
}
