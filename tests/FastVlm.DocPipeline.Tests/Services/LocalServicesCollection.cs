namespace FastVlm.DocPipeline.Tests.Services;

/// <summary>Tests on Azurite and the Cosmos API server share one fixture and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class LocalServicesCollection : ICollectionFixture<LocalServicesFixture>
{
    public const string Name = "Local services";
}
