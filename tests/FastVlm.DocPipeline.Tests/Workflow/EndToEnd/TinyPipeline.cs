using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Tests.Workflow.EndToEnd;

/// <summary>The in-process pipeline on the fixture's tiny model (or a wrapper of it) with file stores under <paramref name="data"/>.</summary>
internal static class TinyPipeline
{
    public static (InProcessDocumentPipeline Pipeline, FileResultStore Store) Create(TinyModelFixture fixture, string data, IDocumentVisionModel? model = null)
    {
        var store = new FileResultStore(data);
        var activities = new DocumentActivities(
            new LocalFileDocumentSource(),
            new DocumentRasterizer(fixture.Rasterization),
            model ?? fixture.Engine,
            store,
            new FilePageImageStore(Path.Combine(data, "pages")),
            new DocumentActivitiesOptions { Rasterization = fixture.Rasterization });
        return (new InProcessDocumentPipeline(activities), store);
    }
}
