using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Tests.Storage.Queue;

public sealed class FileReviewQueueContractTests : ReviewQueueContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-queue-").FullName;

    protected override Task<IResultStore> CreateStoreAsync() => Task.FromResult<IResultStore>(new FileResultStore(_root));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
