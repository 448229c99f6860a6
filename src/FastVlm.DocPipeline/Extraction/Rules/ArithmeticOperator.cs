namespace FastVlm.DocPipeline.Extraction.Rules;

public enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}
