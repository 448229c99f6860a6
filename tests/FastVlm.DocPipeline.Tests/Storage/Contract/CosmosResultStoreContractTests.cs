using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Services;

namespace FastVlm.DocPipeline.Tests.Storage.Contract;

[Collection(LocalServicesCollection.Name)]
public sealed class CosmosResultStoreContractTests(LocalServicesFixture services) : ResultStoreContractTests
{
    protected override Task<IResultStore> CreateStoreAsync() => Task.FromResult<IResultStore>(new CosmosResultStore(services.CosmosOptions()));
}
