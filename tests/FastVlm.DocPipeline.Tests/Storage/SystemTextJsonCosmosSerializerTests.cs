using System.Text;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Cosmos;

namespace FastVlm.DocPipeline.Tests.Storage;

public sealed class SystemTextJsonCosmosSerializerTests
{
    private readonly SystemTextJsonCosmosSerializer _serializer = new(ResultJson.Options);

    [Fact]
    public void Items_round_trip_in_camel_case()
    {
        var document = CosmosResultStoreTests.NewDocument("s1", status: DocumentStatus.Extracting);

        using var stream = _serializer.ToStream(document);
        var json = Encoding.UTF8.GetString(((MemoryStream)stream).ToArray());
        var back = _serializer.FromStream<DocumentRecord>(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        json.Should().Contain("\"documentId\":\"s1\"").And.Contain("\"status\":\"extracting\"");
        back.Status.Should().Be(DocumentStatus.Extracting);
        back.Source.Should().Be(document.Source);
    }

    [Fact]
    public void Stream_requests_get_the_stream_open()
    {
        var content = new MemoryStream("{\"a\":1}"u8.ToArray());

        var stream = _serializer.FromStream<Stream>(content);

        stream.CanRead.Should().BeTrue();
        new StreamReader(stream).ReadToEnd().Should().Be("{\"a\":1}");
    }

    [Fact]
    public void Empty_response_reads_as_default()
    {
        _serializer.FromStream<DocumentRecord>(new MemoryStream()).Should().BeNull();
    }
}
