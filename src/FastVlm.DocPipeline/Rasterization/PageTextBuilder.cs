using System.Globalization;
using System.Text;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Rasterization;

/// <summary>
/// Groups a page's characters (in text-layer order, with their boxes in image pixels) into words and lines.
/// A word ends at whitespace, a control character or a gap; a line ends at a line break or when the next character
/// leaves the line (another row for horizontal text, another column for text the page rotation turned vertical). Lone surrogates and unmapped characters become U+FFFD.
/// </summary>
internal sealed class PageTextBuilder
{
    private const double GapFactor = 0.35;

    private readonly int _width;
    private readonly int _height;
    private readonly List<TextWord> _words = [];
    private readonly StringBuilder _text = new();
    private PixelBox? _box;
    private PixelBox? _lastChar;
    private int _line;
    private Flow? _wordFlow;
    private bool _lineIsVertical;
    private bool _lineBreakPending;
    private char _highSurrogate;

    public PageTextBuilder(int width, int height)
    {
        _width = width;
        _height = height;
    }

    /// <summary>Adds one UTF-16 code unit (as the text layer reports it) with its box; null when it has none.</summary>
    public void Add(uint codeUnit, PixelBox? box)
    {
        if (codeUnit is >= 0xD800 and <= 0xDBFF)
        {
            FlushSurrogate();
            _highSurrogate = (char)codeUnit;
            AddBox(box);
            return;
        }

        if (codeUnit is >= 0xDC00 and <= 0xDFFF)
        {
            if (_highSurrogate != 0)
            {
                _text.Append(_highSurrogate).Append((char)codeUnit);
                _highSurrogate = '\0';
                AddBox(box);
            }
            else
            {
                AddVisible('\uFFFD', box);
            }

            return;
        }

        FlushSurrogate();
        var c = codeUnit is 0 or > 0xFFFF ? '\uFFFD' : (char)codeUnit;
        if (c is '\n' or '\r' or '\u2028' or '\u2029')
        {
            EndWord();
            _lineBreakPending = true;
            return;
        }

        if (char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
        {
            EndWord();
            return;
        }

        AddVisible(c, box);
    }

    /// <summary>
    /// Adds a form field's value on a line of its own. The viewer lays the value out at display time, so each of its
    /// words gets the field's whole box.
    /// </summary>
    public void AddFieldValue(string value, PixelBox box)
    {
        FlushSurrogate();
        EndWord();
        var clamped = new PixelBox(Clamp(box.Left, _width), Clamp(box.Top, _height), Clamp(box.Right, _width), Clamp(box.Bottom, _height));
        var first = true;
        foreach (var token in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (first && _words.Count > 0)
            {
                _line++;
            }

            first = false;
            _words.Add(new TextWord(token, clamped, _line));
        }

        _lastChar = null;
    }

    public PageText Build(bool truncated)
    {
        FlushSurrogate();
        EndWord();
        return new PageText { Width = _width, Height = _height, Words = _words.ToArray(), Truncated = truncated };
    }

    private void AddVisible(char c, PixelBox? box)
    {
        if (box is { } b && _lastChar is { } last)
        {
            var rowAligned = Overlap(last.Top, last.Bottom, b.Top, b.Bottom) > 0.5 * Math.Min(last.Height, b.Height);
            var columnAligned = Overlap(last.Left, last.Right, b.Left, b.Right) > 0.5 * Math.Min(last.Width, b.Width);
            var sameLine = _lineIsVertical ? columnAligned && !rowAligned : rowAligned;
            if (_text.Length > 0)
            {
                var horizontal = rowAligned && _wordFlow != Flow.Vertical
                    && Math.Max(b.Left - last.Right, last.Left - b.Right) <= GapFactor * Math.Max(last.Height, b.Height);
                var vertical = columnAligned && !rowAligned && _wordFlow != Flow.Horizontal
                    && Math.Max(b.Top - last.Bottom, last.Top - b.Bottom) <= GapFactor * Math.Max(last.Width, b.Width);
                if (horizontal || vertical)
                {
                    _wordFlow = horizontal ? Flow.Horizontal : Flow.Vertical;
                    _lineIsVertical = !horizontal;
                }
                else
                {
                    EndWord();
                    _lineBreakPending |= !sameLine;
                }
            }
            else
            {
                _lineBreakPending |= !sameLine;
            }
        }

        if (_text.Length == 0 && _lineBreakPending)
        {
            if (_words.Count > 0 && _words[^1].Line == _line)
            {
                _line++;
            }

            _lineBreakPending = false;
        }

        _text.Append(c);
        AddBox(box);
    }

    private static double Overlap(double start1, double end1, double start2, double end2) =>
        Math.Min(end1, end2) - Math.Max(start1, start2);

    private void AddBox(PixelBox? box)
    {
        if (box is not { } b || !(b.Width > 0 || b.Height > 0))
        {
            return;
        }

        var clamped = new PixelBox(Clamp(b.Left, _width), Clamp(b.Top, _height), Clamp(b.Right, _width), Clamp(b.Bottom, _height));
        _box = _box is { } current ? current.Union(clamped) : clamped;
        _lastChar = clamped;
    }

    private void FlushSurrogate()
    {
        if (_highSurrogate != 0)
        {
            _highSurrogate = '\0';
            AddVisible('\uFFFD', null);
        }
    }

    private void EndWord()
    {
        if (_text.Length > 0 && _box is { } box)
        {
            _words.Add(new TextWord(_text.ToString(), box, _line));
        }

        _text.Clear();
        _box = null;
        _wordFlow = null;
    }

    private enum Flow
    {
        Horizontal,
        Vertical,
    }

    private static double Clamp(double value, int limit) => double.IsFinite(value) ? Math.Clamp(value, 0, limit) : 0;
}
