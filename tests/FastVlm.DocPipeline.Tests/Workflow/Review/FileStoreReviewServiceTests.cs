using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Tests.Workflow.Review;

public sealed class FileStoreReviewServiceTests : DocumentReviewServiceTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-review-" + Guid.NewGuid().ToString("N"));

    protected override Task<IResultStore> CreateStoreAsync() => Task.FromResult<IResultStore>(new FileResultStore(_root));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
