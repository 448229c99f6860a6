using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Grounding;

/// <summary>One page's words prepared for matching: their exact text and folded form. Hostile pages are cut at <see cref="MaxWords"/>.</summary>
internal sealed class PageTextIndex
{
    public const int MaxWords = 50_000;

    private const int MaxWordLength = 200;

    public PageTextIndex(int page, PageText text)
    {
        Page = page;
        Text = text;
        var count = Math.Min(text.Words.Count, MaxWords);
        Words = new string[count];
        Folded = new string[count];
        for (var i = 0; i < count; i++)
        {
            var word = text.Words[i].Text ?? string.Empty;
            Words[i] = word.Length > MaxWordLength ? word[..MaxWordLength] : word;
            Folded[i] = GroundingText.Fold(Words[i]);
        }
    }

    public int Page { get; }

    public PageText Text { get; }

    public string[] Words { get; }

    public string[] Folded { get; }

    public int Count => Words.Length;

    /// <summary>The words of a span joined with single spaces, as an answer would be written.</summary>
    public string Join(int start, int count) => string.Join(' ', Words, start, count);

    /// <summary>A location: one box per text line the span covers, in reading order.</summary>
    public FieldLocation Locate(WordSpan span)
    {
        var boxes = new List<PixelBox>();
        var line = int.MinValue;
        for (var i = span.Start; i < span.Start + span.Count; i++)
        {
            var word = Text.Words[i];
            if (word.Line == line && boxes.Count > 0)
            {
                boxes[^1] = boxes[^1].Union(word.Box);
            }
            else
            {
                boxes.Add(word.Box);
                line = word.Line;
            }
        }

        return new FieldLocation { Page = Page, Boxes = boxes, Match = span.Match, Score = Math.Round(span.Score, 3) };
    }
}
