namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>
/// Reads the rule language: arithmetic (<c>+ - * /</c>, unary minus, parentheses), one comparison
/// (<c>== != &lt; &lt;= &gt; &gt;=</c>), <c>sum</c>/<c>count</c>/<c>abs</c>, field and <c>table.column</c> references
/// and an optional <c>within 0.01</c> or <c>within 1%</c>. Nothing is ever evaluated as code.
/// </summary>
public static class RuleParser
{
    public const int MaxLength = 1_000;
    public const int MaxDepth = 32;

    /// <exception cref="RuleSyntaxException">The rule is empty, too long, too deep or not in the language.</exception>
    public static ValidationRule Parse(string rule, string? forEach = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (string.IsNullOrWhiteSpace(rule))
        {
            throw new RuleSyntaxException(rule, 1, "the rule is empty; write a comparison such as 'total == subtotal + tax'");
        }

        if (rule.Length > MaxLength)
        {
            throw new RuleSyntaxException(rule[..40] + "...", MaxLength + 1, $"the rule is {rule.Length} characters long; the limit is {MaxLength}");
        }

        return new Reader(rule, RuleLexer.Tokenize(rule), forEach).ReadRule();
    }

    private sealed class Reader(string text, List<RuleToken> tokens, string? forEach)
    {
        private int _index;
        private int _depth;

        private RuleToken Current => tokens[_index];

        public ValidationRule ReadRule()
        {
            var left = ReadSum();
            var comparison = Current.Kind switch
            {
                RuleTokenKind.Equal => ComparisonOperator.Equal,
                RuleTokenKind.NotEqual => ComparisonOperator.NotEqual,
                RuleTokenKind.Less => ComparisonOperator.Less,
                RuleTokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
                RuleTokenKind.Greater => ComparisonOperator.Greater,
                RuleTokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
                _ => throw Fail(Current, $"expected a comparison (==, !=, <, <=, >, >=) but found {Describe(Current)}"),
            };
            _index++;
            var right = ReadSum();

            decimal tolerance = 0;
            var percent = false;
            if (Current is { Kind: RuleTokenKind.Identifier, Text: "within" })
            {
                _index++;
                var amount = Expect(RuleTokenKind.Number, "a tolerance such as 0.01 or 1%");
                tolerance = amount.Number;
                if (Current.Kind == RuleTokenKind.Percent)
                {
                    percent = true;
                    _index++;
                }
            }

            if (Current.Kind != RuleTokenKind.End)
            {
                throw Fail(Current, $"unexpected {Describe(Current)} after the end of the rule");
            }

            return new ValidationRule(text, left, comparison, right, tolerance, percent, forEach);
        }

        private RuleExpression ReadSum()
        {
            var left = ReadProduct();
            while (Current.Kind is RuleTokenKind.Plus or RuleTokenKind.Minus)
            {
                var op = Current;
                _index++;
                left = new ArithmeticExpression(op.Kind == RuleTokenKind.Plus ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, left, ReadProduct(), op.Position);
            }

            return left;
        }

        private RuleExpression ReadProduct()
        {
            var left = ReadUnary();
            while (Current.Kind is RuleTokenKind.Star or RuleTokenKind.Slash)
            {
                var op = Current;
                _index++;
                var right = ReadUnary();
                if (op.Kind == RuleTokenKind.Slash && right is NumberExpression { Value: 0 })
                {
                    throw Fail(op, "division by zero");
                }

                left = new ArithmeticExpression(op.Kind == RuleTokenKind.Star ? ArithmeticOperator.Multiply : ArithmeticOperator.Divide, left, right, op.Position);
            }

            return left;
        }

        private RuleExpression ReadUnary()
        {
            if (Current.Kind != RuleTokenKind.Minus)
            {
                return ReadPrimary();
            }

            var minus = Current;
            _index++;
            Enter(minus);
            var operand = ReadUnary();
            _depth--;
            return new NegateExpression(operand, minus.Position);
        }

        private RuleExpression ReadPrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case RuleTokenKind.Number:
                    _index++;
                    return new NumberExpression(token.Number, token.Position);
                case RuleTokenKind.OpenParen:
                    _index++;
                    Enter(token);
                    var inner = ReadSum();
                    _depth--;
                    Expect(RuleTokenKind.CloseParen, "')'");
                    return inner;
                case RuleTokenKind.Identifier when token.Text == "within":
                    throw Fail(token, "'within' must follow the comparison");
                case RuleTokenKind.Identifier when tokens[_index + 1].Kind == RuleTokenKind.OpenParen:
                    return ReadFunction(token);
                case RuleTokenKind.Identifier:
                    return ReadReference();
                default:
                    throw Fail(token, $"expected a number, a field or '(' but found {Describe(token)}");
            }
        }

        private FunctionExpression ReadFunction(RuleToken name)
        {
            var function = name.Text switch
            {
                "sum" => RuleFunction.Sum,
                "count" => RuleFunction.Count,
                "abs" => RuleFunction.Abs,
                _ => throw Fail(name, $"unknown function '{name.Text}' (known: sum, count, abs)"),
            };
            _index += 2;
            Enter(name);
            RuleExpression argument = function switch
            {
                RuleFunction.Abs => ReadSum(),
                _ => ReadReference(),
            };
            _depth--;
            if (Current.Kind == RuleTokenKind.Comma)
            {
                throw Fail(Current, $"{name.Text}() takes one argument");
            }

            Expect(RuleTokenKind.CloseParen, "')'");
            return new FunctionExpression(function, argument, name.Position);
        }

        private ReferenceExpression ReadReference()
        {
            var name = Expect(RuleTokenKind.Identifier, "a field name");
            if (name.Text is "sum" or "count" or "abs" or "within")
            {
                throw Fail(name, $"'{name.Text}' is a reserved word, not a field");
            }

            string? column = null;
            if (Current.Kind == RuleTokenKind.Dot)
            {
                _index++;
                column = Expect(RuleTokenKind.Identifier, "a column name after '.'").Text;
            }

            return new ReferenceExpression(name.Text, column, name.Position);
        }

        private void Enter(RuleToken at)
        {
            if (++_depth > MaxDepth)
            {
                throw Fail(at, $"the rule nests deeper than {MaxDepth} levels");
            }
        }

        private RuleToken Expect(RuleTokenKind kind, string what)
        {
            var token = Current;
            if (token.Kind != kind)
            {
                throw Fail(token, $"expected {what} but found {Describe(token)}");
            }

            _index++;
            return token;
        }

        private RuleSyntaxException Fail(RuleToken at, string problem) => new(text, at.Position, problem);

        private static string Describe(RuleToken token) => token.Kind == RuleTokenKind.End ? "the end of the rule" : $"'{token.Text}'";
    }
}
