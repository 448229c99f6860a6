using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Hosting;

namespace FastVlm.DocPipeline.Tests.Workflow.Hosting;

public class RejectedDocumentTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 6, 0, 0, DateTimeKind.Utc);
    private static readonly SourceInfo Source = new("incoming", "empty.pdf", "\"0x1\"", "e3b0c442", 0);
    private static readonly SchemaRef Schema = new("invoice", "1");

    [Fact]
    public void A_rejection_is_a_failed_document_with_the_error_code()
    {
        var record = RejectedDocument.Create("doc1", Source, Schema, new ErrorInfo("document.empty", "The blob is empty."), Now);

        record.Id.Should().Be("doc1");
        record.DocumentId.Should().Be("doc1");
        record.Status.Should().Be(DocumentStatus.Failed);
        record.Error!.Code.Should().Be("document.empty");
        record.Source.Should().Be(Source);
        record.CompletedAt.Should().Be(Now);
        record.RunId.Should().StartWith("rejected-");
    }

    [Theory]
    [InlineData(DocumentStatus.Completed)]
    [InlineData(DocumentStatus.Extracting)]
    [InlineData(DocumentStatus.Rasterizing)]
    [InlineData(DocumentStatus.Queued)]
    public void A_rejection_never_overwrites_a_document_that_is_done_or_in_progress(DocumentStatus status)
    {
        var existing = RejectedDocument.Create("doc1", Source, Schema, new ErrorInfo("x.y", "old"), Now.AddDays(-1)) with { Status = status };
        var rejected = RejectedDocument.Create("doc1", Source, Schema, new ErrorInfo("document.empty", "new"), Now);

        RejectedDocument.Apply(existing, rejected).Should().BeSameAs(existing);
    }

    [Fact]
    public void A_repeated_rejection_replaces_the_error_and_keeps_the_creation_time()
    {
        var earlier = RejectedDocument.Create("doc1", Source, Schema, new ErrorInfo("blob.changed", "old"), Now.AddHours(-2));
        var rejected = RejectedDocument.Create("doc1", Source, Schema, new ErrorInfo("document.empty", "new"), Now);

        var result = RejectedDocument.Apply(earlier, rejected);

        result.Error!.Code.Should().Be("document.empty");
        result.CreatedAt.Should().Be(Now.AddHours(-2));
        result.UpdatedAt.Should().Be(Now);
        RejectedDocument.Apply(null, rejected).Should().BeSameAs(rejected);
    }
}
