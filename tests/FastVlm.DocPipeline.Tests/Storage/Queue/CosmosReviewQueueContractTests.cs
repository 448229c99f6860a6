using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Services;

namespace FastVlm.DocPipeline.Tests.Storage.Queue;

[Collection(LocalServicesCollection.Name)]
public sealed class CosmosReviewQueueContractTests(LocalServicesFixture services) : ReviewQueueContractTests
{
    protected override Task<IResultStore> CreateStoreAsync() => Task.FromResult<IResultStore>(new CosmosResultStore(services.CosmosOptions()));
}
