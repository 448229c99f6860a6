namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>
/// Checks a parsed rule against a schema: every name exists, arithmetic is on numbers, dates are only compared,
/// <c>sum</c> reads a number column, <c>count</c> a table. Returns the rule with the fields it names.
/// </summary>
public static class RuleBinder
{
    /// <exception cref="RuleSyntaxException">A name is unknown or a type does not fit.</exception>
    public static ValidationRule Bind(ValidationRule rule, IRuleSchema schema)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(schema);
        var binding = new Binding(rule, schema);
        if (rule.ForEach is not null && schema.FieldType(rule.ForEach) != RuleOperandType.Table)
        {
            throw new RuleSyntaxException(rule.Text, 1, $"forEach names '{rule.ForEach}', which is not a table field of the schema");
        }

        var left = binding.TypeOf(rule.Left);
        var right = binding.TypeOf(rule.Right);
        if (left != right)
        {
            throw new RuleSyntaxException(rule.Text, rule.Right.Position, $"cannot compare a {Name(left)} with a {Name(right)}");
        }

        if (left == RuleOperandType.Date && (rule.Tolerance != 0))
        {
            throw new RuleSyntaxException(rule.Text, rule.Right.Position, "a tolerance applies to numbers, not dates");
        }

        return rule with { Fields = binding.Fields };
    }

    private static string Name(RuleOperandType type) => type.ToString().ToLowerInvariant();

    private sealed class Binding(ValidationRule rule, IRuleSchema schema)
    {
        private readonly List<string> _fields = rule.ForEach is null ? [] : [rule.ForEach];

        public IReadOnlyList<string> Fields => _fields;

        public RuleOperandType TypeOf(RuleExpression expression)
        {
            switch (expression)
            {
                case NumberExpression:
                    return RuleOperandType.Number;
                case ReferenceExpression reference:
                    return Scalar(reference);
                case NegateExpression negate:
                    RequireNumber(negate.Operand, "'-'");
                    return RuleOperandType.Number;
                case ArithmeticExpression arithmetic:
                    RequireNumber(arithmetic.Left, $"'{Symbol(arithmetic.Operator)}'");
                    RequireNumber(arithmetic.Right, $"'{Symbol(arithmetic.Operator)}'");
                    return RuleOperandType.Number;
                case FunctionExpression { Function: RuleFunction.Abs } abs:
                    RequireNumber(abs.Argument, "abs()");
                    return RuleOperandType.Number;
                case FunctionExpression { Function: RuleFunction.Sum, Argument: ReferenceExpression column }:
                    if (column.Column is null || Column(column) != RuleOperandType.Number)
                    {
                        throw Fail(column, $"sum() needs a number column of a table, such as sum(lineItems.amount); '{column}' is not one");
                    }

                    return RuleOperandType.Number;
                case FunctionExpression { Function: RuleFunction.Count, Argument: ReferenceExpression table }:
                    if (table.Column is null ? Use(table.Name) != RuleOperandType.Table : Column(table) is null)
                    {
                        throw Fail(table, $"count() needs a table field or one of its columns; '{table}' is not one");
                    }

                    return RuleOperandType.Number;
                default:
                    throw Fail(expression, "this expression cannot be used here");
            }
        }

        private RuleOperandType Scalar(ReferenceExpression reference)
        {
            if (reference.Column is not null)
            {
                if (rule.ForEach == reference.Name && Column(reference) is { } cell and not RuleOperandType.Table)
                {
                    return Checked(cell, reference);
                }

                throw Fail(reference, $"'{reference}' is a whole column; use sum({reference}) or count({reference}), or a per-row rule (forEach)");
            }

            if (rule.ForEach is not null && schema.ColumnType(rule.ForEach, reference.Name) is { } column)
            {
                return Checked(column, reference);
            }

            var type = Use(reference.Name) ?? throw Fail(reference, $"unknown field '{reference.Name}'");
            if (type == RuleOperandType.Table)
            {
                throw Fail(reference, $"'{reference.Name}' is a table; use count({reference.Name}) or sum({reference.Name}.column)");
            }

            return Checked(type, reference);
        }

        private RuleOperandType Checked(RuleOperandType type, ReferenceExpression reference) =>
            type == RuleOperandType.Text
                ? throw Fail(reference, $"'{reference}' is text; rules compute with numbers, currencies and dates")
                : type;

        private RuleOperandType? Column(ReferenceExpression reference)
        {
            if (Use(reference.Name) != RuleOperandType.Table)
            {
                throw Fail(reference, $"'{reference.Name}' is not a table field, so '{reference}' does not exist");
            }

            return schema.ColumnType(reference.Name, reference.Column!)
                ?? throw Fail(reference, $"table '{reference.Name}' has no column '{reference.Column}'");
        }

        private RuleOperandType? Use(string field)
        {
            var type = schema.FieldType(field);
            if (type is not null && !_fields.Contains(field))
            {
                _fields.Add(field);
            }

            return type;
        }

        private void RequireNumber(RuleExpression operand, string what)
        {
            var type = TypeOf(operand);
            if (type != RuleOperandType.Number)
            {
                throw Fail(operand, $"{what} computes with numbers, not a {Name(type)}");
            }
        }

        private RuleSyntaxException Fail(RuleExpression at, string problem) => new(rule.Text, at.Position, problem);

        private static string Symbol(ArithmeticOperator op) => op switch
        {
            ArithmeticOperator.Add => "+",
            ArithmeticOperator.Subtract => "-",
            ArithmeticOperator.Multiply => "*",
            _ => "/",
        };
    }
}
