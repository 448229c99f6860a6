using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Services;

namespace FastVlm.DocPipeline.Tests.Workflow.Review;

[Collection(LocalServicesCollection.Name)]
public sealed class CosmosStoreReviewServiceTests(LocalServicesFixture services) : DocumentReviewServiceTests
{
    protected override Task<IResultStore> CreateStoreAsync() => Task.FromResult<IResultStore>(new CosmosResultStore(services.CosmosOptions()));
}
