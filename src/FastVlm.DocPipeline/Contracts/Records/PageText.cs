namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The text layer of one rendered page (a born-digital PDF's own text, not OCR), in the page image's pixels:
/// stored beside the PNG as <c>page-0001.text.json</c>. A scanned page has none.
/// </summary>
public sealed record PageText
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Width of the page image the boxes refer to.</summary>
    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>Words in reading order as the PDF stores them.</summary>
    public required IReadOnlyList<TextWord> Words { get; init; }

    /// <summary>True when the page had more characters than the reader keeps; the tail is missing.</summary>
    public bool Truncated { get; init; }
}
