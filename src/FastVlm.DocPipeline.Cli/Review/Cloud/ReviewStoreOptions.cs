using System.CommandLine;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Storage.Cosmos;

namespace FastVlm.DocPipeline.Cli.Review.Cloud;

/// <summary>
/// <c>docpipe review --cosmos … --storage …</c>: review the Azure data plane instead of a results directory, with
/// the same connection options as <c>serve</c> (results in Cosmos DB, page images in the <c>pages</c> container).
/// The cloud mode is chosen by giving <c>--cosmos</c> or <c>--storage</c> on the command line; the environment
/// variables only fill in what the command line leaves out.
/// </summary>
internal sealed class ReviewStoreOptions
{
    private readonly CosmosConnectionOptions _cosmos = new();

    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = "Storage connection string (Azurite: UseDevelopmentStorage=true) or blob endpoint https://ACCOUNT.blob.core.windows.net (DefaultAzureCredential) holding the page images. Default: $DOCPIPE_STORAGE.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DOCPIPE_STORAGE"),
    };

    public Option<string> Pages { get; } = new("--pages") { Description = "Container of the rendered page PNGs.", DefaultValueFactory = _ => "pages" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _cosmos.AddTo(command);
        command.Options.Add(Storage);
        command.Options.Add(Pages);
    }

    /// <summary>Whether this run reviews Cosmos DB + Blob Storage (rather than <c>--data</c>).</summary>
    public bool IsCloud(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return Given(parseResult, _cosmos.Endpoint) || Given(parseResult, Storage);
    }

    /// <summary>Connects to both services (the Cosmos container must exist: the review app creates nothing).</summary>
    /// <exception cref="CliUsageException">An endpoint is missing or malformed.</exception>
    public async Task<ReviewCloudStores> OpenAsync(ParseResult parseResult, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(error);
        var cosmosOptions = _cosmos.Read(parseResult, createIfNotExists: false, error)
            ?? throw new CliUsageException("usage.review_cosmos", "Reviewing the Azure data plane needs both --cosmos and --storage.");
        var storageText = parseResult.GetValue(Storage);
        if (string.IsNullOrWhiteSpace(storageText))
        {
            throw new CliUsageException("usage.review_storage", "Give the storage account holding the page images with --storage (connection string or blob endpoint), or set DOCPIPE_STORAGE.");
        }

        var storageOptions = BlobStorageOptions.Parse(storageText);
        var pagesContainer = parseResult.GetValue(Pages)!;
        BlobNames.Require(pagesContainer, "pages");
        storageOptions.PagesContainer = pagesContainer;
        storageOptions.CreateContainersIfMissing = false;
        var results = new CosmosResultStore(cosmosOptions);
        try
        {
            await results.GetContainerAsync(cancellationToken).ConfigureAwait(false);
            var pages = new BlobPageImageStore(BlobClients.CreateBlobServiceClient(storageOptions), storageOptions);
            return new ReviewCloudStores(results, pages, $"{cosmosOptions.Endpoint.Host}/{cosmosOptions.DatabaseName}/{cosmosOptions.ContainerName} and {storageOptions.PagesContainer} pages");
        }
        catch
        {
            results.Dispose();
            throw;
        }
    }

    private static bool Given(ParseResult parseResult, Option option) => parseResult.GetResult(option) is { Implicit: false };
}
