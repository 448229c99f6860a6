using System.Globalization;

namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>Splits a rule into tokens. Only ASCII operators, decimal numbers and identifiers exist.</summary>
internal static class RuleLexer
{
    public static List<RuleToken> Tokenize(string rule)
    {
        var tokens = new List<RuleToken>();
        var i = 0;
        while (i < rule.Length)
        {
            var c = rule[i];
            var position = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < rule.Length && char.IsAsciiDigit(rule[i + 1])))
            {
                var start = i;
                while (i < rule.Length && (char.IsAsciiDigit(rule[i]) || rule[i] == '.'))
                {
                    i++;
                }

                var text = rule[start..i];
                if (text.Count(ch => ch == '.') > 1)
                {
                    throw new RuleSyntaxException(rule, position, $"'{text}' is not a number");
                }

                if (i < rule.Length && rule[i] is 'e' or 'E')
                {
                    throw new RuleSyntaxException(rule, position, $"'{Shorten(text)}{rule[i]}…' has an exponent; write the number out in full (0.001, not 1e-3)");
                }

                if (text.Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length > 24
                    || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    throw new RuleSyntaxException(rule, position, $"the number '{Shorten(text)}' is too large (at most 24 digits)");
                }

                if (value == 0 && text.Any(ch => ch is >= '1' and <= '9'))
                {
                    throw new RuleSyntaxException(rule, position, $"the number '{Shorten(text)}' is too small: it would round to 0 (at most 28 digits after the point)");
                }

                if (text.Contains('.', StringComparison.Ordinal) && text[(text.IndexOf('.', StringComparison.Ordinal) + 1)..].TrimEnd('0').Length > 28)
                {
                    throw new RuleSyntaxException(rule, position, $"the number '{Shorten(text)}' has more than 28 digits after the point and would be rounded");
                }

                tokens.Add(new RuleToken(RuleTokenKind.Number, text, position, value));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < rule.Length && (char.IsAsciiLetterOrDigit(rule[i]) || rule[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new RuleToken(RuleTokenKind.Identifier, rule[start..i], position));
            }
            else
            {
                var two = i + 1 < rule.Length ? rule.Substring(i, 2) : "";
                var (kind, length) = two switch
                {
                    "==" => (RuleTokenKind.Equal, 2),
                    "!=" => (RuleTokenKind.NotEqual, 2),
                    "<=" => (RuleTokenKind.LessOrEqual, 2),
                    ">=" => (RuleTokenKind.GreaterOrEqual, 2),
                    _ => c switch
                    {
                        '+' => (RuleTokenKind.Plus, 1),
                        '-' => (RuleTokenKind.Minus, 1),
                        '*' => (RuleTokenKind.Star, 1),
                        '/' => (RuleTokenKind.Slash, 1),
                        '(' => (RuleTokenKind.OpenParen, 1),
                        ')' => (RuleTokenKind.CloseParen, 1),
                        ',' => (RuleTokenKind.Comma, 1),
                        '.' => (RuleTokenKind.Dot, 1),
                        '%' => (RuleTokenKind.Percent, 1),
                        '<' => (RuleTokenKind.Less, 1),
                        '>' => (RuleTokenKind.Greater, 1),
                        '=' => throw new RuleSyntaxException(rule, position, "'=' is not an operator; compare with '=='"),
                        _ => throw new RuleSyntaxException(rule, position, Unexpected(rule, i)),
                    },
                };
                tokens.Add(new RuleToken(kind, rule.Substring(i, length), position));
                i += length;
            }
        }

        tokens.Add(new RuleToken(RuleTokenKind.End, "", rule.Length + 1));
        return tokens;
    }

    private static string Unexpected(string rule, int index)
    {
        if (!System.Text.Rune.TryGetRuneAt(rule, index, out var rune))
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"invisible character U+{(int)rule[index]:X4} (a lone surrogate; delete it)");
        }

        return VisibleText.IsInvisible(rune)
            ? $"invisible character {VisibleText.CodePoint(rune)} (delete it; rules are plain ASCII)"
            : $"unexpected character '{rune}' ({VisibleText.CodePoint(rune)})";
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..27] + "...";
}
