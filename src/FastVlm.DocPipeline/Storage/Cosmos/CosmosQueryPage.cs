using System.Text.Json;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>One page of a user query: its items, the token to resume after it (null at the end) and its RU charge.</summary>
public sealed record CosmosQueryPage(IReadOnlyList<JsonElement> Items, string? ContinuationToken, double RequestCharge);
