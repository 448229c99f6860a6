using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Services;

namespace FastVlm.DocPipeline.Tests.Storage;

[Collection(LocalServicesCollection.Name)]
public sealed class CosmosQueryReaderTests(LocalServicesFixture services)
{
    [Fact]
    public async Task User_queries_page_with_continuations_and_support_order_by_and_aggregates()
    {
        var options = services.CosmosOptions();
        using var store = new CosmosResultStore(options);
        using var reader = new CosmosQueryReader(options);
        for (var i = 1; i <= 5; i++)
        {
            var n = i;
            await store.UpdateDocumentAsync($"q{n}", _ => CosmosResultStoreTests.NewDocument($"q{n}") with { PageCount = n * 10 });
        }

        var pages = await reader.QueryPagesAsync("SELECT c.id, c.pageCount FROM c WHERE c.type = 'document' ORDER BY c.pageCount DESC", pageSize: 2).ToListAsync();
        pages.Count.Should().BeGreaterThanOrEqualTo(3);
        pages.SelectMany(p => p.Items).Select(e => e.GetProperty("pageCount").GetInt32()).Should().Equal(50, 40, 30, 20, 10);

        var resumed = await reader.QueryPagesAsync("SELECT c.id, c.pageCount FROM c WHERE c.type = 'document' ORDER BY c.pageCount DESC", 2, pages[0].ContinuationToken).ToListAsync();
        resumed.SelectMany(p => p.Items).Select(e => e.GetProperty("id").GetString()).Should().Equal("q3", "q2", "q1");

        var sum = await SingleItemAsync(reader, "SELECT VALUE SUM(c.pageCount) FROM c WHERE c.type = 'document'");
        sum.GetInt32().Should().Be(150);
        var count = await SingleItemAsync(reader, "SELECT VALUE COUNT(1) FROM c WHERE c.pageCount > 25");
        count.GetInt32().Should().Be(3);
        var top = await reader.QueryPagesAsync("SELECT TOP 2 c.id FROM c ORDER BY c.pageCount").SelectMany(p => p.Items.ToAsyncEnumerable()).ToListAsync();
        top.Select(e => e.GetProperty("id").GetString()).Should().Equal("q1", "q2");
    }


    private static async Task<System.Text.Json.JsonElement> SingleItemAsync(CosmosQueryReader reader, string sql)
    {
        var items = await reader.QueryPagesAsync(sql).SelectMany(p => p.Items.ToAsyncEnumerable()).ToListAsync();
        return items.Should().ContainSingle().Which;
    }
}
