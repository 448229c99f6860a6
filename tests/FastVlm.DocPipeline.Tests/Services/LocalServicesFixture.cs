using System.Diagnostics;
using System.Net.Http.Json;
using Azure.Storage.Blobs;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Services;

/// <summary>
/// Azurite and the Cosmos API server for tests. Uses the services named by DOCPIPE_TEST_STORAGE /
/// DOCPIPE_TEST_COSMOS_ENDPOINT / DOCPIPE_TEST_COSMOS_KEY (scripts/test.sh exports them after
/// `scripts/services.sh start`); when they are absent it starts them with that script and stops them at the end.
/// </summary>
public sealed class LocalServicesFixture : IAsyncLifetime
{
    private bool _startedHere;

    public string StorageConnectionString { get; private set; } = "";

    public Uri CosmosEndpoint { get; private set; } = null!;

    public string CosmosKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "DOCPIPE_TEST_STORAGE", "DOCPIPE_TEST_COSMOS_ENDPOINT", "DOCPIPE_TEST_COSMOS_KEY" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                settings[name] = value;
            }
        }

        if (settings.Count < 3)
        {
            var output = await RunScriptAsync("start");
            _startedHere = true;
            settings = ParseEnv(output);
        }

        StorageConnectionString = settings["DOCPIPE_TEST_STORAGE"];
        CosmosEndpoint = new Uri(settings["DOCPIPE_TEST_COSMOS_ENDPOINT"]);
        CosmosKey = settings["DOCPIPE_TEST_COSMOS_KEY"];
    }

    public async Task DisposeAsync()
    {
        if (_startedHere)
        {
            await RunScriptAsync("stop");
        }
    }

    /// <summary>Options for a store on a fresh database of its own (tests stay independent).</summary>
    public CosmosResultStoreOptions CosmosOptions(string? database = null) => new()
    {
        Endpoint = CosmosEndpoint,
        Key = CosmosKey,
        DatabaseName = database ?? "t" + Guid.NewGuid().ToString("N")[..12],
        ContainerName = "documents",
        CreateIfNotExists = true,
        AcceptSelfSignedCertificate = true,
        TransientRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    public BlobServiceClient BlobService() => new(StorageConnectionString);

    /// <summary>Makes the next <paramref name="count"/> Cosmos data requests fail with <paramref name="status"/> (compat layer).</summary>
    public async Task InjectCosmosFaultsAsync(int status, int count, string? method = null, string? pathContains = null)
    {
        using var http = CompatHttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(CosmosEndpoint, "/_compat/faults"), new { status, count, method, pathContains });
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearCosmosFaultsAsync()
    {
        using var http = CompatHttpClient();
        using var response = await http.DeleteAsync(new Uri(CosmosEndpoint, "/_compat/faults"));
        response.EnsureSuccessStatusCode();
    }

    private static HttpClient CompatHttpClient() =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });

    private static Dictionary<string, string> ParseEnv(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = line.IndexOf('=');
            if (eq > 0 && line.StartsWith("DOCPIPE_TEST_", StringComparison.Ordinal))
            {
                result[line[..eq]] = line[(eq + 1)..].Trim('"');
            }
        }

        return result;
    }

    private static async Task<string> RunScriptAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [RepoPaths.Of("scripts/services.sh"), verb]) { WorkingDirectory = RepoPaths.Root };
        var result = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5), "bash must be on PATH.");
        return result.EnsureSuccess().StandardOutput;
    }
}
