using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>
/// Gives every cell of a parsed table answer a confidence from its own tokens: the cell's words are found in the
/// generated text (rows in order, each row within its own lines, each cell after the one before it), and the cell
/// takes <c>exp(mean(logprob))</c> of the tokens whose text overlaps those words, the stop token excluded as in
/// <see cref="AnswerConfidence"/>. A token that spans a separator counts for every cell it touches.
/// </summary>
public static class TableCellConfidence
{
    public static ParsedTable Score(ParsedTable table, GenerationResult generation)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(generation);
        if (generation.TokenSpans is not { } spans || spans.Count != generation.TokenLogprobs.Count)
        {
            return table;
        }

        var tokens = new TokenScores(spans, generation.TokenLogprobs, generation.FinishReason == FinishReason.Stop ? spans.Count - 1 : spans.Count);
        var text = generation.Text;
        var cursor = 0;
        double? fragmentConfidence = null;
        if (table.LeadingFragment is { } fragment && text.IndexOf(fragment, StringComparison.Ordinal) is var at and >= 0)
        {
            fragmentConfidence = tokens.Confidence([(at, at + fragment.Length)]);
            cursor = at + fragment.Length;
        }

        var rows = new List<ParsedRow>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var lines = FindLines(text, row.Raw, ref cursor);
            rows.Add(lines is null ? row : row with { CellConfidences = ScoreCells(text, row, lines, tokens) });
        }

        return table with { Rows = rows, LeadingFragmentConfidence = fragmentConfidence };
    }

    /// <summary>Where each line of the row's raw text is, searched from <paramref name="cursor"/> on; null when a line is not in the text.</summary>
    private static (int Start, int End)[]? FindLines(string text, string raw, ref int cursor)
    {
        var parts = raw.Split('\n');
        var lines = new (int Start, int End)[parts.Length];
        var position = cursor;
        for (var i = 0; i < parts.Length; i++)
        {
            var at = text.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            lines[i] = (at, at + parts[i].Length);
            position = at + parts[i].Length;
        }

        cursor = position;
        return lines;
    }

    private static double?[] ScoreCells(string text, ParsedRow row, (int Start, int End)[] lines, TokenScores tokens)
    {
        var next = lines.Select(l => l.Start).ToArray();
        var confidences = new double?[row.Cells.Count];
        for (var c = 0; c < row.Cells.Count; c++)
        {
            var ranges = new List<(int Start, int End)>();
            foreach (var word in row.Cells[c].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                for (var l = 0; l < lines.Length; l++)
                {
                    var at = text.IndexOf(word, next[l], lines[l].End - next[l], StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        ranges.Add((at, at + word.Length));
                        next[l] = at + word.Length;
                        break;
                    }
                }
            }

            confidences[c] = ranges.Count == 0 ? null : tokens.Confidence(ranges);
        }

        return confidences;
    }

    private sealed class TokenScores(IReadOnlyList<TokenTextSpan> spans, IReadOnlyList<float> logprobs, int scored)
    {
        public double? Confidence(IReadOnlyList<(int Start, int End)> ranges)
        {
            double sum = 0;
            var count = 0;
            for (var t = 0; t < scored; t++)
            {
                foreach (var (start, end) in ranges)
                {
                    if (spans[t].Overlaps(start, end))
                    {
                        sum += logprobs[t];
                        count++;
                        break;
                    }
                }
            }

            return count == 0 ? null : AnswerConfidence.FromMeanLogprob(sum, count);
        }
    }
}
