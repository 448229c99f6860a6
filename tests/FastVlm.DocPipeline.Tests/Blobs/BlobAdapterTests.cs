using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Tests.Services;
using FastVlm.DocPipeline.Tests.Storage;

namespace FastVlm.DocPipeline.Tests.Blobs;

[Collection(LocalServicesCollection.Name)]
public sealed class BlobAdapterTests(LocalServicesFixture services)
{
    private readonly BlobStorageOptions _options = new()
    {
        ConnectionString = services.StorageConnectionString,
        IncomingContainer = "in" + Guid.NewGuid().ToString("N")[..10],
        PagesContainer = "pg" + Guid.NewGuid().ToString("N")[..10],
        ResultsContainer = "rs" + Guid.NewGuid().ToString("N")[..10],
    };

    [Fact]
    public async Task Source_streams_the_blob_and_records_its_etag_size_and_sha256()
    {
        var service = services.BlobService();
        var container = service.GetBlobContainerClient(_options.IncomingContainer);
        await container.CreateAsync();
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(5).NextBytes(content);
        var uploaded = await container.GetBlobClient("big.pdf").UploadAsync(new BinaryData(content));
        var source = new BlobDocumentSource(service, _options);

        using var document = await source.OpenAsync("big.pdf");
        document.Info.Container.Should().Be(_options.IncomingContainer);
        document.Info.Name.Should().Be("big.pdf");
        document.Info.ETag.Should().Be(uploaded.Value.ETag.ToString());
        document.Info.Size.Should().Be(content.Length);
        document.Content.CanSeek.Should().BeFalse("the content streams from the download, it is not buffered");

        var hashing = document.Content.Should().BeOfType<Sha256ReadStream>().Subject;
        hashing.Sha256.Should().BeNull("nothing was read yet");
        using var copy = new MemoryStream();
        await document.Content.CopyToAsync(copy, 7919);
        copy.ToArray().Should().Equal(content);
        hashing.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));

        var (sha, etag, size) = await source.ComputeSha256Async("big.pdf");
        sha.Should().Be(hashing.Sha256);
        etag.Should().Be(document.Info.ETag);
        size.Should().Be(content.Length);
    }

    [Fact]
    public async Task Missing_blob_is_a_typed_not_found_error()
    {
        var service = services.BlobService();
        await service.GetBlobContainerClient(_options.IncomingContainer).CreateAsync();
        var source = new BlobDocumentSource(service, _options);

        var error = (await ((Func<Task>)(() => source.OpenAsync("absent.pdf"))).Should().ThrowAsync<BlobStorageException>()).Which;

        error.Code.Should().Be(BlobErrorCodes.NotFound);
        error.BlobName.Should().Be("absent.pdf");
        error.IsTransient.Should().BeFalse();
    }

    [Fact]
    public async Task Page_images_are_stored_as_png_blobs_named_by_document_and_page()
    {
        var service = services.BlobService();
        var store = new BlobPageImageStore(service, _options);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

        var name = await store.SavePageImageAsync("doc-1", 3, png);
        await store.SavePageImageAsync("doc-1", 3, png);

        name.Should().Be("doc-1/page-0003.png");
        var properties = await service.GetBlobContainerClient(_options.PagesContainer).GetBlobClient(name).GetPropertiesAsync();
        properties.Value.ContentType.Should().Be("image/png");
        await using var stream = await store.OpenPageImageAsync(name);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        copy.ToArray().Should().Equal(png);
    }

    [Fact]
    public async Task Page_text_layers_are_stored_beside_the_page_images_as_json_blobs()
    {
        var service = services.BlobService();
        var store = new BlobPageImageStore(service, _options);
        var text = new PageText { Width = 100, Height = 200, Words = [new TextWord("INV-7", new PixelBox(1, 2, 30, 12), 0)] };

        (await store.GetPageTextAsync("doc-9", 1)).Should().BeNull("nothing is stored yet");
        await store.SavePageTextAsync("doc-9", 1, text);

        var blob = service.GetBlobContainerClient(_options.PagesContainer).GetBlobClient("doc-9/page-0001.text.json");
        (await blob.GetPropertiesAsync()).Value.ContentType.Should().Be("application/json");
        var read = (await store.GetPageTextAsync("doc-9", 1))!;
        read.Words.Should().ContainSingle().Which.Should().Be(text.Words[0]);
        read.Height.Should().Be(200);
    }

    [Fact]
    public async Task Result_copy_is_written_as_camel_case_json()
    {
        var service = services.BlobService();
        var publisher = new BlobResultPublisher(service, _options);
        var document = CosmosResultStoreTests.NewDocument("doc-2", status: DocumentStatus.Completed);

        var name = await publisher.PublishAsync(document, []);

        var content = await service.GetBlobContainerClient(_options.ResultsContainer).GetBlobClient(name).DownloadContentAsync();
        using var json = JsonDocument.Parse(content.Value.Content.ToMemory());
        json.RootElement.GetProperty("document").GetProperty("documentId").GetString().Should().Be("doc-2");
        json.RootElement.GetProperty("document").GetProperty("status").GetString().Should().Be("completed");
    }

    [Fact]
    public void Storage_setting_is_read_as_endpoint_or_connection_string()
    {
        BlobStorageOptions.Parse("https://acct.blob.core.windows.net").ServiceUri.Should().Be(new Uri("https://acct.blob.core.windows.net"));
        BlobStorageOptions.Parse("UseDevelopmentStorage=true").ConnectionString.Should().Be("UseDevelopmentStorage=true");
        BlobStorageOptions.Parse(services.StorageConnectionString).ConnectionString.Should().Be(services.StorageConnectionString);
    }
}
