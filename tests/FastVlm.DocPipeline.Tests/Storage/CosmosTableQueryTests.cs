using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Services;
using Microsoft.Azure.Cosmos;

namespace FastVlm.DocPipeline.Tests.Storage;

[Collection(LocalServicesCollection.Name)]
public sealed class CosmosTableQueryTests(LocalServicesFixture services) : IDisposable
{
    private readonly CosmosResultStore _store = new(services.CosmosOptions());

    public void Dispose() => _store.Dispose();

    private static TableRowResult Row(int page, string description, decimal amount) => new()
    {
        Page = page,
        Cells = new Dictionary<string, TableCellResult>
        {
            ["description"] = new() { Value = JsonValue.Create(description), Raw = description },
            ["amount"] = new() { Value = JsonValue.Create(amount), Raw = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), Currency = "EUR" },
        },
        Raw = description,
    };

    [Fact]
    public async Task The_sample_line_item_query_joins_the_stored_table_rows()
    {
        var id = "table-" + Guid.NewGuid().ToString("N");
        await _store.UpdateDocumentAsync(id, _ => CosmosResultStoreTests.NewDocument(id, status: DocumentStatus.Completed) with
        {
            Fields = new Dictionary<string, FieldResult>
            {
                ["lineItems"] = new() { Found = true, Rows = [Row(1, "Chair", 578m), Row(2, "Delivery", 120m)] },
            },
        });
        var sample = await File.ReadAllTextAsync(Path.Combine(TestSupport.RepoPaths.Root, "samples", "queries", "line-items.sql"));
        var sql = sample.Replace("WHERE c.type = 'document'", "WHERE c.documentId = @id AND c.type = 'document'", StringComparison.Ordinal);
        sql.Should().Contain("@id", "the sample query keeps its WHERE clause shape");

        var container = await _store.GetContainerAsync();
        var query = container.GetItemQueryIterator<JsonObject>(
            new QueryDefinition(sql).WithParameter("@id", id),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(id) });
        var rows = new List<JsonObject>();
        while (query.HasMoreResults)
        {
            rows.AddRange(await query.ReadNextAsync());
        }

        rows.Select(r => (r["page"]!.GetValue<int>(), r["description"]!.GetValue<string>(), r["amount"]!.GetValue<decimal>()))
            .Should().Equal((1, "Chair", 578m), (2, "Delivery", 120m));
    }
}
