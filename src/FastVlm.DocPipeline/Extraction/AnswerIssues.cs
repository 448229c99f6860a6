namespace FastVlm.DocPipeline.Extraction;

/// <summary>Values of <c>Issue</c> on page answers and fields.</summary>
public static class AnswerIssues
{
    /// <summary>Found, but the text could not be read as the field's type (kept as raw only).</summary>
    public const string Unparsed = "unparsed";

    /// <summary>
    /// A number or currency answer holds more than one number, a range (<c>3-4</c>, <c>4 to 5</c>), an expression
    /// (<c>1+2</c>), a fraction (<c>1/3</c>) or an exponent (<c>1e3</c>): no value is guessed, the raw text is kept for review.
    /// </summary>
    public const string AmbiguousNumber = "ambiguous_number";

    /// <summary>A number or currency answer is one number, but beyond what a decimal holds (about ±7.9e28).</summary>
    public const string NumberOutOfRange = "number_out_of_range";

    /// <summary>A date answer names more than one date (<c>5 March 2024 - 7 March 2024</c>): no date is guessed.</summary>
    public const string AmbiguousDate = "ambiguous_date";

    /// <summary>An enum answer matched none of the allowed values.</summary>
    public const string NoEnumMatch = "no_enum_match";

    /// <summary>Generation stopped at the token limit, so the answer may be cut off.</summary>
    public const string Truncated = "truncated";

    /// <summary>A table answer had more rows than the field's <c>maxRows</c>; the rest were dropped.</summary>
    public const string RowLimit = "row_limit";

    /// <summary>Some rows of a table could not be matched to its columns (kept raw and flagged).</summary>
    public const string UnparsedRows = "unparsed_rows";

    /// <summary>A row lacks a required cell, or a cell could not be read as its column's type.</summary>
    public const string BadCells = "bad_cells";

    /// <summary>Prefix of the issue a failed schema rule adds to the fields it names (<c>rule_failed: total == subtotal + tax</c>).</summary>
    public const string RuleFailedPrefix = "rule_failed: ";

    /// <summary>The page has a text layer and the value is not on it: a likely hallucination.</summary>
    public const string NotOnPage = "not_on_page";
}
