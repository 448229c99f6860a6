namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// What <see cref="NumberParser.Read"/> made of an answer: the value when the answer holds exactly one number in a
/// recognised format, else the <see cref="AnswerIssues"/> code that says why no value was taken.
/// </summary>
/// <param name="Value">The number; null when <see cref="Issue"/> is set.</param>
/// <param name="Issue">Null when read; <see cref="AnswerIssues.Unparsed"/>, <see cref="AnswerIssues.AmbiguousNumber"/> or <see cref="AnswerIssues.NumberOutOfRange"/>.</param>
public readonly record struct NumberReading(decimal? Value, string? Issue)
{
    /// <summary>Whether the answer was read as one number.</summary>
    public bool IsNumber => Value is not null;

    internal static NumberReading Of(decimal value) => new(value, null);

    internal static NumberReading Failed(string issue) => new(null, issue);
}
