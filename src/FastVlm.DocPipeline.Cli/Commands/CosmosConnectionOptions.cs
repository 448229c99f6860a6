using System.CommandLine;
using FastVlm.DocPipeline.Storage.Cosmos;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>The Cosmos DB connection options shared by <c>serve</c> and <c>query</c>.</summary>
internal sealed class CosmosConnectionOptions
{
    public Option<string?> Endpoint { get; } = new("--cosmos")
    {
        Description = "Cosmos DB endpoint (https://ACCOUNT.documents.azure.com:443/ or the local server). Default: $DOCPIPE_COSMOS_ENDPOINT.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DOCPIPE_COSMOS_ENDPOINT"),
    };

    public Option<string?> Key { get; } = new("--cosmos-key")
    {
        Description = "Account key (required for a local server/emulator). Without one, an Azure endpoint is reached with DefaultAzureCredential (az login, managed identity). Default: $DOCPIPE_COSMOS_KEY.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DOCPIPE_COSMOS_KEY"),
    };

    public Option<string> Database { get; } = new("--database")
    {
        Description = "Cosmos DB database.",
        DefaultValueFactory = _ => "docpipe",
    };

    public Option<string> Container { get; } = new("--container")
    {
        Description = "Cosmos DB container (partition key /documentId).",
        DefaultValueFactory = _ => "documents",
    };

    public Option<bool> Emulator { get; } = new("--emulator")
    {
        Description = "Local emulator/test server: accept its self-signed certificate and talk only to the given endpoint. Never against Azure.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Endpoint);
        command.Options.Add(Key);
        command.Options.Add(Database);
        command.Options.Add(Container);
        command.Options.Add(Emulator);
    }

    /// <summary>Store options from the parsed command line; null (with a message) when no endpoint was given.</summary>
    public CosmosResultStoreOptions? Read(ParseResult parseResult, bool createIfNotExists, TextWriter error)
    {
        var endpoint = parseResult.GetValue(Endpoint);
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            error.WriteLine("Give the Cosmos DB endpoint with --cosmos https://... (or set DOCPIPE_COSMOS_ENDPOINT).");
            return null;
        }

        return new CosmosResultStoreOptions
        {
            Endpoint = uri,
            Key = parseResult.GetValue(Key),
            DatabaseName = parseResult.GetValue(Database)!,
            ContainerName = parseResult.GetValue(Container)!,
            AcceptSelfSignedCertificate = parseResult.GetValue(Emulator),
            CreateIfNotExists = createIfNotExists,
        };
    }
}
