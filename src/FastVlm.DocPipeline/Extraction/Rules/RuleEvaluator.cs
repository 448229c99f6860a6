namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>
/// Checks bound rules against a document's values with decimal arithmetic. A missing value or an arithmetic
/// without an answer (division by zero, overflow) leaves the rule not evaluated, never failed. With
/// <c>within t</c> a difference of at most <c>t</c> is forgiven by every comparison: <c>==</c>, <c>&lt;=</c>,
/// <c>&gt;=</c>, <c>&lt;</c> and <c>&gt;</c> hold, <c>!=</c> does not (so <c>a &lt; b within t</c> means <c>a &lt;= b + t</c>).
/// <c>count()</c> counts non-empty values of any type; <c>sum()</c> needs every cell to be a number.
/// </summary>
public static class RuleEvaluator
{
    public static RuleOutcome Evaluate(ValidationRule rule, IRuleValues values)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(values);
        if (rule.ForEach is null)
        {
            var (status, detail) = Check(rule, values, row: null);
            return new RuleOutcome(rule.Text, status, rule.Fields, detail, []);
        }

        var rows = values.Rows(rule.ForEach);
        if (rows.Count == 0)
        {
            return new RuleOutcome(rule.Text, RuleStatus.NotEvaluated, rule.Fields, $"table '{rule.ForEach}' has no rows", []);
        }

        var failed = new List<int>();
        string? firstDetail = null;
        string? firstMissing = null;
        var checkedAny = false;
        for (var i = 0; i < rows.Count; i++)
        {
            var (status, detail) = Check(rule, values, rows[i]);
            if (status == RuleStatus.Failed)
            {
                failed.Add(i + 1);
                firstDetail ??= $"row {i + 1}: {detail}";
            }

            if (status == RuleStatus.NotEvaluated)
            {
                firstMissing ??= $"row {i + 1}: {detail}";
            }

            checkedAny |= status != RuleStatus.NotEvaluated;
        }

        var overall = failed.Count > 0 ? RuleStatus.Failed : checkedAny ? RuleStatus.Passed : RuleStatus.NotEvaluated;
        var summary = overall switch
        {
            RuleStatus.Failed => $"{failed.Count} of {rows.Count} rows fail; {firstDetail}",
            RuleStatus.NotEvaluated => $"no row has every value; {firstMissing}",
            _ => null,
        };
        return new RuleOutcome(rule.Text, overall, rule.Fields, summary, failed);
    }

    private static (RuleStatus Status, string? Detail) Check(ValidationRule rule, IRuleValues values, IReadOnlyDictionary<string, RuleValue>? row)
    {
        var evaluation = new Evaluation(rule, values, row);
        RuleValue left, right;
        try
        {
            left = evaluation.Value(rule.Left);
            right = evaluation.Value(rule.Right);
        }
        catch (MissingValueException missing)
        {
            return (RuleStatus.NotEvaluated, missing.Message);
        }
        catch (DivideByZeroException)
        {
            return (RuleStatus.NotEvaluated, "division by zero");
        }
        catch (OverflowException)
        {
            return (RuleStatus.NotEvaluated, "a value is out of range");
        }

        var passed = left.Type == RuleOperandType.Date
            ? Compare(rule.Comparison, left.Date.CompareTo(right.Date), equalWithinTolerance: left.Date == right.Date)
            : CompareNumbers(rule, left.Number, right.Number);
        return passed ? (RuleStatus.Passed, null) : (RuleStatus.Failed, $"{left} {Symbol(rule.Comparison)} {right} does not hold");
    }

    private static bool CompareNumbers(ValidationRule rule, decimal left, decimal right)
    {
        decimal allowed;
        try
        {
            allowed = rule.ToleranceIsPercent ? Math.Max(Math.Abs(left), Math.Abs(right)) * rule.Tolerance / 100m : rule.Tolerance;
        }
        catch (OverflowException)
        {
            allowed = decimal.MaxValue;
        }

        var difference = left >= 0 == right >= 0 ? Math.Abs(left - right) : SafeDistance(left, right);
        var equal = difference <= allowed;
        var order = equal ? 0 : left.CompareTo(right);
        if (equal && rule.Tolerance != 0 && rule.Comparison is ComparisonOperator.Less or ComparisonOperator.Greater)
        {
            return true;
        }

        return Compare(rule.Comparison, order, equal);
    }

    private static decimal SafeDistance(decimal left, decimal right)
    {
        try
        {
            return Math.Abs(left - right);
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }
    }

    private static bool Compare(ComparisonOperator comparison, int order, bool equalWithinTolerance) => comparison switch
    {
        ComparisonOperator.Equal => equalWithinTolerance,
        ComparisonOperator.NotEqual => !equalWithinTolerance,
        ComparisonOperator.Less => order < 0,
        ComparisonOperator.LessOrEqual => order <= 0,
        ComparisonOperator.Greater => order > 0,
        _ => order >= 0,
    };

    private static string Symbol(ComparisonOperator comparison) => comparison switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    private sealed class MissingValueException(string message) : Exception(message);

    private sealed class Evaluation(ValidationRule rule, IRuleValues values, IReadOnlyDictionary<string, RuleValue>? row)
    {
        public RuleValue Value(RuleExpression expression) => expression switch
        {
            NumberExpression number => RuleValue.Of(number.Value),
            ReferenceExpression reference => Read(reference),
            NegateExpression negate => RuleValue.Of(-Value(negate.Operand).Number),
            ArithmeticExpression arithmetic => RuleValue.Of(Apply(arithmetic.Operator, Value(arithmetic.Left).Number, Value(arithmetic.Right).Number)),
            FunctionExpression { Function: RuleFunction.Abs } abs => RuleValue.Of(Math.Abs(Value(abs.Argument).Number)),
            FunctionExpression { Function: RuleFunction.Sum, Argument: ReferenceExpression column } => RuleValue.Of(Sum(column)),
            FunctionExpression { Function: RuleFunction.Count, Argument: ReferenceExpression table } => RuleValue.Of(Count(table)),
            _ => throw new InvalidOperationException($"Rule '{rule.Text}' was not bound before evaluation."),
        };

        private static decimal Apply(ArithmeticOperator op, decimal left, decimal right) => op switch
        {
            ArithmeticOperator.Add => left + right,
            ArithmeticOperator.Subtract => left - right,
            ArithmeticOperator.Multiply => left * right,
            _ => left / right,
        };

        private RuleValue Read(ReferenceExpression reference)
        {
            RuleValue value;
            if (row is not null && (reference.Column is null || reference.Name == rule.ForEach)
                && row.TryGetValue(reference.Column ?? reference.Name, out var cell))
            {
                value = cell;
            }
            else
            {
                value = values.Field(reference.Name);
            }

            if (value.IsMissing)
            {
                throw new MissingValueException($"'{reference}' has no value");
            }

            return value.Type == RuleOperandType.Text ? throw new MissingValueException($"'{reference}' is not a number or date") : value;
        }

        private decimal Sum(ReferenceExpression column)
        {
            var rows = values.Rows(column.Name);
            if (rows.Count == 0)
            {
                throw new MissingValueException($"table '{column.Name}' has no rows");
            }

            decimal total = 0;
            foreach (var cells in rows)
            {
                if (!cells.TryGetValue(column.Column!, out var cell) || cell.IsMissing)
                {
                    throw new MissingValueException($"'{column}' has an empty cell, so its sum is unknown");
                }

                if (cell.Type != RuleOperandType.Number)
                {
                    throw new MissingValueException($"'{column}' has a cell that is not a number, so its sum is unknown");
                }

                total += cell.Number;
            }

            return total;
        }

        private decimal Count(ReferenceExpression table)
        {
            var rows = values.Rows(table.Name);
            return table.Column is null
                ? rows.Count
                : rows.Count(cells => cells.TryGetValue(table.Column, out var cell) && !cell.IsMissing);
        }
    }
}
