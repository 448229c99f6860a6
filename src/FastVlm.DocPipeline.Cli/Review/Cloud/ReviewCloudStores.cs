using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Storage.Cosmos;

namespace FastVlm.DocPipeline.Cli.Review.Cloud;

/// <summary>The stores <c>docpipe review</c> works on in cloud mode: results in Cosmos DB, page images in Blob Storage.</summary>
internal sealed class ReviewCloudStores(CosmosResultStore results, IPageImageStore pages, string description) : IDisposable
{
    public IResultStore Results => results;

    public IPageImageStore Pages { get; } = pages;

    /// <summary>What is being reviewed, for the start-up line (no keys).</summary>
    public string Description { get; } = description;

    public void Dispose() => results.Dispose();
}
