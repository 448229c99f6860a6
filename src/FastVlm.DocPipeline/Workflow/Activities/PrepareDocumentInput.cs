using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Input of <see cref="ActivityNames.PrepareDocument"/>. The schema travels here once; the prepare activity
/// stores it with the run record, and every later input names it by <paramref name="SchemaHash"/>.
/// <paramref name="Classification"/> is recorded when classification chose the schema; <paramref name="SplitFrom"/>
/// makes the document pages of a bundled file (its own id and page count).
/// </summary>
public sealed record PrepareDocumentInput(
    string SourceName,
    ExtractionSchema Schema,
    string SchemaHash,
    bool Force,
    string RunId,
    DateTime StartedAt,
    SourceInfo? PinnedSource = null,
    DocumentClassification? Classification = null,
    DocumentSplit? SplitFrom = null);
