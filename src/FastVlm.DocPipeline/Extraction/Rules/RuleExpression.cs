namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>A node of a parsed rule. <see cref="Position"/> is the 1-based column where it starts.</summary>
public abstract record RuleExpression(int Position);

public sealed record NumberExpression(decimal Value, int Position) : RuleExpression(Position);

/// <summary><c>total</c>, <c>lineItems.amount</c> (a column of a table), or a bare column inside a per-row rule.</summary>
public sealed record ReferenceExpression(string Name, string? Column, int Position) : RuleExpression(Position)
{
    public override string ToString() => Column is null ? Name : $"{Name}.{Column}";
}

public sealed record NegateExpression(RuleExpression Operand, int Position) : RuleExpression(Position);

public sealed record ArithmeticExpression(ArithmeticOperator Operator, RuleExpression Left, RuleExpression Right, int Position)
    : RuleExpression(Position);

/// <summary><c>sum(table.column)</c>, <c>count(table)</c> or <c>abs(expression)</c>.</summary>
public sealed record FunctionExpression(RuleFunction Function, RuleExpression Argument, int Position) : RuleExpression(Position);
