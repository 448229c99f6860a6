using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Tests.Extraction.Classification;

public sealed class ClassifyAsSchemaTests
{
    private static string Json(string classifyAs) =>
        $$"""{ "name": "bill", "version": "1", "classifyAs": {{classifyAs}}, "fields": [ { "name": "total", "question": "What is the total?", "type": "currency" } ] }""";

    [Fact]
    public void ClassifyAs_labels_are_read_and_default_to_the_name()
    {
        SchemaLoader.Parse(Json("""["utility bill", "statement"]"""), "test").ClassificationLabels().Should().Equal("utility bill", "statement");
        EmbeddedSchemas.Get("invoice-lines").ClassificationLabels().Should().Equal("invoice-lines");
    }

    [Theory]
    [InlineData("[]", "classifyAs: expected a non-empty list of labels")]
    [InlineData("\"invoice\"", "classifyAs: expected a non-empty list of labels")]
    [InlineData("[\"bill\", \"Bill\"]", "classifyAs[1]: 'Bill' is listed twice")]
    [InlineData("[\"bill\", 3]", "classifyAs[1]: expected a non-empty string")]
    public void Bad_classifyAs_lists_are_schema_errors_at_their_path(string classifyAs, string error)
    {
        var parse = () => SchemaLoader.Parse(Json(classifyAs), "test");

        parse.Should().Throw<SchemaValidationException>().Which.Errors.Should().Contain(e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void ClassifyAs_is_not_part_of_the_schema_hash_so_existing_document_ids_stay()
    {
        var file = Path.Combine(RepoPaths.Samples, "schemas", "invoice.json");
        var withoutLabels = string.Join('\n', File.ReadAllLines(file).Where(line => !line.Contains("\"classifyAs\"", StringComparison.Ordinal)));
        var invoice = EmbeddedSchemas.Get("invoice");

        invoice.ClassifyAs.Should().Equal("invoice", "bill");
        SchemaHasher.Compute(invoice).Should().Be(SchemaHasher.Compute(SchemaLoader.Parse(withoutLabels, "invoice without classifyAs")));
    }
}
