using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Tables;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Tests.Model.Tokenization;

namespace FastVlm.DocPipeline.Tests.Extraction.Tables;

/// <summary>Each cell's confidence is exp(mean log-prob) of the tokens overlapping its text, the stop token left out.</summary>
public sealed class TableCellConfidenceTests
{
    private static readonly string[] Columns = ["description", "quantity"];

    private static GenerationResult Generation(string text, (int Start, int Length, float Logprob)[] tokens, FinishReason finish = FinishReason.Stop) => new()
    {
        Text = text,
        TokenIds = Enumerable.Range(1, tokens.Length).ToArray(),
        TokenLogprobs = tokens.Select(t => t.Logprob).ToArray(),
        TokenSpans = tokens.Select(t => new TokenTextSpan(t.Start, t.Length)).ToArray(),
        PromptTokenCount = 10,
        ImageTokenCount = 4,
        FinishReason = finish,
        Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, tokens.Length),
    };

    private static ParsedTable Score(GenerationResult generation) =>
        TableCellConfidence.Score(TableTextParser.Parse(generation.Text, Columns), generation);

    private static double Expected(params float[] logprobs) => Math.Round(Math.Exp(logprobs.Average()), 4);

    [Fact]
    public void A_character_split_over_two_tokens_counts_both_and_the_stop_token_is_left_out()
    {
        // "Café | 3": "Caf" 0-3, é split into two byte tokens sharing 3-4, " |" 4-6, " 3" 6-8, then a stop token
        // made to overlap the "3" so that counting it would show.
        var generation = Generation("Café | 3", [(0, 3, -0.1f), (3, 1, -0.5f), (3, 1, -0.9f), (4, 2, -0.01f), (6, 2, -0.3f), (7, 1, -5f)]);

        var row = Score(generation).Rows.Should().ContainSingle().Subject;

        row.CellConfidences.Should().Equal(Expected(-0.1f, -0.5f, -0.9f), Expected(-0.3f));
    }

    [Fact]
    public void A_token_spanning_a_separator_counts_for_both_cells_it_touches()
    {
        // "Desk|12": "Des" 0-3, "k|1" 3-6 spans the separator, "2" 6-7; generation stopped at the token limit (no stop token).
        var generation = Generation("Desk|12", [(0, 3, -0.2f), (3, 3, -1.5f), (6, 1, -0.4f)], FinishReason.Length);

        var row = Score(generation).Rows.Single();

        row.CellConfidences.Should().Equal(Expected(-0.2f, -1.5f), Expected(-1.5f, -0.4f));
    }

    [Fact]
    public void Repeated_rows_take_their_own_tokens_and_a_continued_cell_its_tokens_on_both_lines()
    {
        const string text = "Bolt | 2\nBolt | 2\nlong text | 5\nmore";
        var tokens = new List<(int, int, float)>();
        for (var i = 0; i < text.Length; i++)
        {
            // One token per character; the second row's characters are the unsure ones.
            tokens.Add((i, 1, i is >= 9 and < 17 ? -2f : -0.1f));
        }

        tokens.Add((text.Length, 0, -0.01f));
        var rows = Score(Generation(text, [.. tokens])).Rows;

        rows.Should().HaveCount(3);
        rows[0].CellConfidences.Should().Equal(Expected(-0.1f), Expected(-0.1f));
        rows[1].CellConfidences.Should().Equal(Expected(-2f), Expected(-2f));
        rows[2].Cells.Should().Equal("long text more", "5");
        rows[2].CellConfidences.Should().Equal(Expected(-0.1f), Expected(-0.1f));
    }

    [Fact]
    public void Without_token_spans_no_cell_gets_a_confidence()
    {
        var generation = Generation("Chair | 2", [(0, 5, -0.1f)]) with { TokenSpans = null };

        Score(generation).Rows.Single().CellConfidences.Should().BeNull();
    }

    [Fact]
    public void With_the_real_tokenizer_a_cell_takes_exactly_the_tokens_over_its_characters()
    {
        var tokenizer = FastVlmTokenizerFiles.Tokenizer;
        const string text = "Office chair | 2 | 289.00\nDesk, oak | 1 | 649.50";
        var ids = tokenizer.Encode(text);
        var logprobs = ids.Select((_, i) => -0.05f * (i + 1)).ToArray();
        var generation = new GenerationResult
        {
            Text = text,
            TokenIds = [.. ids, tokenizer.GetAddedTokenId("<|im_end|>")],
            TokenLogprobs = [.. logprobs, -0.001f],
            TokenSpans = TokenTextSpanTests.OracleSpans(tokenizer, [.. ids, tokenizer.GetAddedTokenId("<|im_end|>")], skipSpecialTokens: true),
            PromptTokenCount = 10,
            ImageTokenCount = 4,
            FinishReason = FinishReason.Stop,
            Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, ids.Length + 1),
        };

        var rows = TableCellConfidence.Score(TableTextParser.Parse(text, ["description", "quantity", "unitPrice"]), generation).Rows;

        // The oracle: each token's characters from decoding it alone (all of this text is ASCII), and each cell where it is written.
        var starts = new int[ids.Length + 1];
        for (var i = 0; i < ids.Length; i++)
        {
            starts[i + 1] = starts[i] + tokenizer.Decode([ids[i]]).Length;
        }

        double Cell(string cell, int from)
        {
            var at = text.IndexOf(cell, from, StringComparison.Ordinal);
            var over = Enumerable.Range(0, ids.Length).Where(i => starts[i] < at + cell.Length && starts[i + 1] > at).Select(i => logprobs[i]).ToArray();
            return Expected(over);
        }

        var second = text.IndexOf('\n', StringComparison.Ordinal);
        rows[0].CellConfidences.Should().Equal(Cell("Office chair", 0), Cell("2", 0), Cell("289.00", 0));
        rows[1].CellConfidences.Should().Equal(Cell("Desk, oak", second), Cell("1", second), Cell("649.50", second));
        rows[0].CellConfidences![0].Should().NotBe(rows[1].CellConfidences![0]);
    }

    [Fact]
    public async Task Cells_keep_their_confidence_through_the_stored_page_answer_and_a_row_joined_across_pages()
    {
        var schema = await SchemaLoader.ResolveAsync("invoice-lines");
        var table = schema.Fields.Single(f => f.Name == "lineItems");
        // One token per character; the digits of page 1's "649.50" (its only cut-short cell text) are unsure.
        static GenerationResult PerCharacter(string text, Func<int, float> logprob, FinishReason finish) => Generation(
            text, [.. Enumerable.Range(0, text.Length).Select(i => (i, 1, logprob(i)))], finish);
        const string first = "Chair | 2 | 10.00 | 20.00\nDesk | 1 | 649.50";
        var unsure = first.IndexOf("649.50", StringComparison.Ordinal);
        var page1 = AnswerNormalizer.ToPageAnswer(schema, table, PerCharacter(first, i => i >= unsure ? -1f : -0.1f, FinishReason.Length));
        var page2 = AnswerNormalizer.ToPageAnswer(schema, table, PerCharacter("649.50\nLamp | 3 | 5.00 | 15.00", _ => -0.2f, FinishReason.Stop));
        PageAnswers Stored(int page, PageAnswer answer) =>
            new(page, new Dictionary<string, PageAnswer> { ["lineItems"] = answer with { Value = JsonNode.Parse(answer.Value!.ToJsonString()) } });

        var merged = FieldMerger.Merge(schema, [Stored(1, page1), Stored(2, page2)], pageCount: 2);

        var rows = merged.Fields["lineItems"].Rows!;
        rows.Select(r => r.Flag).Should().Equal("ok", "joined", "ok");
        rows[0].Cells.Values.Select(c => c.Confidence).Should().OnlyContain(c => c == Expected(-0.1f));
        rows[1].Cells["description"].Confidence.Should().Be(Expected(-0.1f));
        rows[1].Cells["unitPrice"].Confidence.Should().Be(Expected(-1f));
        rows[1].Cells["amount"].Confidence.Should().Be(Expected(-0.2f), "the amount was written on page 2");
        rows[1].Confidence.Should().Be(Expected(-1f), "a row is as sure as its least sure cell");
        rows[2].Cells["quantity"].Confidence.Should().Be(Expected(-0.2f));
    }
}
