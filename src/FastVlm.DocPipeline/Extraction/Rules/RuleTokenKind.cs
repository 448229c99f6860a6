namespace FastVlm.DocPipeline.Extraction.Rules;

internal enum RuleTokenKind
{
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    OpenParen,
    CloseParen,
    Comma,
    Dot,
    Percent,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    End,
}
