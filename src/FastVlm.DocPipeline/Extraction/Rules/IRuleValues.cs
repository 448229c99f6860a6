namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>The normalised values of one document, as rules read them.</summary>
public interface IRuleValues
{
    RuleValue Field(string name);

    /// <summary>The rows of a table field, each a column → value map; empty when the table was not found.</summary>
    IReadOnlyList<IReadOnlyDictionary<string, RuleValue>> Rows(string table);
}
