using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.Workflow.Fakes;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Workflow;

/// <summary>The in-process pipeline over a temp folder with the fake rasteriser and the scripted model.</summary>
internal sealed class WorkflowHarness : IDisposable
{
    public WorkflowHarness(bool pageCache = true, int extractConcurrency = 1)
    {
        Root = Path.Combine(Path.GetTempPath(), "docpipe-wf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "in"));
        Store = new FileResultStore(Path.Combine(Root, "data"));
        Images = new FilePageImageStore(Path.Combine(Root, "data", "pages"));
        Activities = new DocumentActivities(
            new LocalFileDocumentSource(Path.Combine(Root, "in")),
            Rasterizer,
            Model,
            Store,
            Images,
            new DocumentActivitiesOptions { PageCache = pageCache ? new PageImageCache() : null });
        var options = new InProcessWorkflowOptions();
        options.MaxConcurrency[ActivityNames.ExtractPage] = extractConcurrency;
        Pipeline = new InProcessDocumentPipeline(Activities, options);
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public FakeRasterizer Rasterizer { get; } = new();

    public ScriptedVisionModel Model { get; } = new();

    public FileResultStore Store { get; }

    public FilePageImageStore Images { get; }

    public DocumentActivities Activities { get; }

    public InProcessDocumentPipeline Pipeline { get; }

    public static ExtractionSchema Schema { get; } = new()
    {
        Name = "test-invoice",
        Version = "1",
        ReviewThreshold = 0.5,
        Fields =
        [
            new SchemaField { Name = "number", Question = "What is the invoice number?", Required = true, PageHint = PageHint.First },
            new SchemaField { Name = "date", Question = "What is the invoice date?", Type = FieldType.Date },
            new SchemaField { Name = "total", Question = "What is the total?", Type = FieldType.Currency, PageHint = PageHint.Last },
            new SchemaField { Name = "paid", Question = "Is it paid?", Type = FieldType.Boolean },
        ],
    };

    public string AddDocument(string name, int pages) => AddFile(name, FakeRasterizer.Describe(pages));

    public string AddFile(string name, string content)
    {
        File.WriteAllText(Path.Combine(Root, "in", name), content);
        return name;
    }

    public Task<DocumentWorkflowResult> RunAsync(string name, bool force = false, CancellationToken cancellationToken = default, ExtractionSchema? schema = null) =>
        Pipeline.RunAsync(
            new DocumentWorkflowInput { SourceName = name, Schema = schema ?? Schema, Force = force, Retries = WorkflowRetryPolicies.Fast, RasterizeChunkSize = 2 },
            cancellationToken: cancellationToken);

    public IEnumerable<string> DataFiles() =>
        Directory.Exists(DataDirectory) ? Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories) : [];

    public void Dispose()
    {
        Pipeline.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
