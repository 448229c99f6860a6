using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Classification;

namespace FastVlm.DocPipeline.Tests.Extraction.Classification;

public sealed class ClassificationLabelsTests
{
    private static ExtractionSchema Schema(string name, params string[] labels) => new()
    {
        Name = name,
        Version = "1",
        ClassifyAs = labels.Length == 0 ? null : labels,
        Fields = [new SchemaField { Name = "title", Question = "What is the title?", Type = FieldType.String }],
    };

    [Fact]
    public void Labels_are_each_schemas_classifyAs_or_its_name_in_schema_order()
    {
        ClassificationLabels.For([Schema("invoice", "invoice", "bill"), Schema("receipt")]).Should().Equal(
            new ClassificationLabel("invoice", "invoice"), new ClassificationLabel("invoice", "bill"), new ClassificationLabel("receipt", "receipt"));
    }

    [Fact]
    public void Fewer_than_two_candidates_or_a_shared_label_are_refused_with_stable_codes()
    {
        var one = () => ClassificationLabels.For([Schema("invoice")]);
        var shared = () => ClassificationLabels.For([Schema("invoice", "invoice", "bill"), Schema("utility-bill", "Bill")]);
        var twice = () => ClassificationLabels.For([Schema("invoice"), Schema("invoice", "bill")]);

        one.Should().Throw<DocPipelineException>().Which.Code.Should().Be(ClassificationErrorCodes.TooFewCandidates);
        shared.Should().Throw<DocPipelineException>().Where(e => e.Code == ClassificationErrorCodes.AmbiguousLabel && e.Message.Contains("'Bill'"));
        twice.Should().Throw<DocPipelineException>().Where(e => e.Code == ClassificationErrorCodes.AmbiguousLabel && e.Message.Contains("candidate twice"));
    }
}
