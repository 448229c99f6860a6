namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>
/// A value a rule reads: a number (amounts included), a date, other present content (<see cref="RuleOperandType.Text"/>:
/// text, booleans, enum values; counted by <c>count()</c>, never computed with), or missing (not found, empty or not readable).
/// </summary>
public readonly record struct RuleValue
{
    private RuleValue(RuleOperandType? type, decimal number, DateOnly date)
    {
        Type = type;
        Number = number;
        Date = date;
    }

    public static RuleValue Missing { get; } = new(null, 0, default);

    /// <summary>Null when the value is missing.</summary>
    public RuleOperandType? Type { get; }

    public decimal Number { get; }

    public DateOnly Date { get; }

    public bool IsMissing => Type is null;

    /// <summary>A cell or field that holds something that is neither a number nor a date (text, a boolean).</summary>
    public static RuleValue Present { get; } = new(RuleOperandType.Text, 0, default);

    public static RuleValue Of(decimal number) => new(RuleOperandType.Number, number, default);

    public static RuleValue Of(DateOnly date) => new(RuleOperandType.Date, 0, date);

    public override string ToString() => Type switch
    {
        RuleOperandType.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RuleOperandType.Date => Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        RuleOperandType.Text => "text",
        _ => "missing",
    };
}
