using Azure.Storage.Blobs;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Functions;
using FastVlm.DocPipeline.Functions.Schemas;
using FastVlm.DocPipeline.Tests.Services;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Tests.Workflow.Classification;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>
/// The schema <c>auto</c> in the Functions app: a blob whose prefix maps to auto (<c>Pipeline__DefaultSchemas</c>)
/// is started as the file's own record and split among <c>Pipeline__ClassifyCandidates</c> under the Durable engine,
/// with blobs and schemas in Azurite.
/// </summary>
[Collection(LocalServicesCollection.Name)]
public sealed class ClassifyStarterTests(LocalServicesFixture services) : IAsyncLifetime
{
    private readonly ClassificationScenario _scenario = new();
    private BlobContainerClient _incoming = null!;
    private BlobContainerClient _schemas = null!;
    private BlobDocumentSource _source = null!;

    public async Task InitializeAsync()
    {
        var blobs = services.BlobService();
        var prefix = "c" + Guid.NewGuid().ToString("N")[..10];
        _incoming = blobs.GetBlobContainerClient(prefix + "-incoming");
        _schemas = blobs.GetBlobContainerClient(prefix + "-schemas");
        await _incoming.CreateAsync();
        await _schemas.CreateAsync();
        foreach (var schema in ClassificationScenario.Candidates)
        {
            await _schemas.UploadBlobAsync($"{schema.Name}/{schema.Version}.json", BinaryData.FromString(EmbeddedSchemas.TryGetJson(schema.Name)!));
        }

        _source = new BlobDocumentSource(blobs, new BlobStorageOptions { ConnectionString = services.StorageConnectionString, IncomingContainer = _incoming.Name });
    }

    public async Task DisposeAsync()
    {
        await _incoming.DeleteIfExistsAsync();
        await _schemas.DeleteIfExistsAsync();
        _scenario.Dispose();
    }

    private DocumentStarter Starter(string? candidates, string? split) =>
        new(_source, new BlobSchemaCatalog(_schemas), _scenario.Store, TimeProvider.System, NullLogger<DocumentStarter>.Instance, new ClassificationSettings(candidates, split));

    [Fact]
    public async Task A_bundle_under_an_auto_prefix_is_split_into_its_truth_documents()
    {
        const string name = "bundles/scan-0001.pdf";
        await _incoming.UploadBlobAsync(name, BinaryData.FromBytes(await File.ReadAllBytesAsync(_scenario.BundlePdf)));
        var model = await _scenario.BundleModelAsync();
        await using var host = await DurableAppHost.StartAsync(_scenario.Activities(model, _source));
        var defaults = new DefaultSchemas("invoice", "bundles/=auto");

        var start = await Starter("invoice;receipt", "true").StartAsync(host.Client, name, defaults.For(name), force: false, CancellationToken.None);

        start.Decision.Should().Be(StartDecision.Start);
        var bytes = await File.ReadAllBytesAsync(_scenario.BundlePdf);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        start.DocumentId.Should().Be(DocumentIdentity.ForClassifiedSource(sha, ClassificationScenario.Candidates.Select(SchemaHasher.Compute), split: true));
        var (_, result) = await host.WaitAsync(start.DocumentId);
        result.DocumentId.Should().Be(start.DocumentId, "the instance id is the file's own record");
        result.Status.Should().Be(DocumentStatus.Completed);
        await _scenario.ShouldMatchTruthAsync(start.DocumentId, name);
    }

    [Fact]
    public async Task Auto_without_two_candidates_is_refused_with_a_stable_code_before_anything_starts()
    {
        await _incoming.UploadBlobAsync("one.pdf", BinaryData.FromBytes(await File.ReadAllBytesAsync(_scenario.BundlePdf)));
        await using var host = await DurableAppHost.StartAsync(_scenario.Activities(new TruthAnsweringModel(), _source));

        var start = () => Starter("invoice", null).StartAsync(host.Client, "one.pdf", SchemaReference.Parse("auto"), force: false, CancellationToken.None);

        (await start.Should().ThrowAsync<FastVlm.DocPipeline.Contracts.DocPipelineException>()).Which.Code.Should().Be(FastVlm.DocPipeline.Extraction.Classification.ClassificationErrorCodes.TooFewCandidates);
        host.Attempts.Should().BeEmpty();
    }

    [Fact]
    public void The_split_setting_is_true_or_false()
    {
        new ClassificationSettings("invoice; receipt@2", "True").Should().Match<ClassificationSettings>(s => s.Split && s.Candidates.Count == 2 && s.Candidates[1].Version == "2");
        new ClassificationSettings(null, null).Split.Should().BeFalse();
        var bad = () => new ClassificationSettings("invoice;receipt", "yes");
        bad.Should().Throw<FastVlm.DocPipeline.Contracts.DocPipelineException>().Which.Code.Should().Be(FunctionsErrorCodes.ClassifySettingsInvalid);
    }
}
