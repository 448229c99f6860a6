using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Deployment;

/// <summary>
/// What the Functions app and the infrastructure must agree on: the settings the code reads against the
/// function app's environment in the compiled Bicep, host.json against both, container/queue/database names
/// against the core defaults, the trigger name against the post-deployment subscription. The generated
/// function metadata is checked against the same names in Functions/FunctionsMetadataTests.
/// </summary>
public sealed partial class DeploymentNamesTests(CompiledBicep bicep) : IClassFixture<CompiledBicep>
{
    private const string FunctionsDir = "src/FastVlm.DocPipeline.Functions";

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [Fact]
    public void Every_setting_the_app_reads_is_set_on_the_function_app()
    {
        var settings = bicep.AppSettings();
        var names = SettingNames();
        names.Should().ContainKeys("CosmosEndpoint", "ModelPath", "DocumentStorageBlobServiceUri", "Schema");

        foreach (var (constant, key) in names.Where(n => n.Key is not ("IncomingBlobPath" or "DocumentStorageConnection")))
        {
            settings.Should().ContainKey(key.Replace(":", "__", StringComparison.Ordinal), $"SettingNames.{constant} is read by the app");
        }
    }

    [Fact]
    public void The_blob_trigger_connection_is_identity_based()
    {
        var settings = bicep.AppSettings();
        var prefix = SettingNames()["DocumentStorageConnection"] + "__";

        settings.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..])
            .Should().BeEquivalentTo("blobServiceUri", "queueServiceUri", "credential", "clientId");
        settings[prefix + "credential"].Should().Be("managedidentity");
        settings["AzureWebJobsStorage__credential"].Should().Be("managedidentity");
        settings.Should().ContainKeys("AzureWebJobsStorage__accountName", "AzureWebJobsStorage__clientId");
        settings.Keys.Should().NotContain(k => k.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && k != "APPLICATIONINSIGHTS_CONNECTION_STRING");
        settings.Values.Should().NotContain(v => v.Contains("listKeys", StringComparison.OrdinalIgnoreCase) || v.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Host_json_uses_the_durable_task_scheduler_settings_the_bicep_provides()
    {
        var host = JsonNode.Parse(RepoPaths.ReadText("host.json"), documentOptions: JsonOptions)!;
        var settings = bicep.AppSettings();
        var durable = host["extensions"]!["durableTask"]!;

        ((string?)host["version"]).Should().Be("2.0");
        var hub = (string)durable["hubName"]!;
        hub.Should().MatchRegex("^%[A-Za-z0-9_]+%$", "the hub name comes from an app setting");
        settings.Should().ContainKey(hub.Trim('%'));
        settings[hub.Trim('%')].Should().Contain("taskHubName");

        ((string?)durable["storageProvider"]!["type"]).Should().Be("azureManaged");
        var connection = (string)durable["storageProvider"]!["connectionStringName"]!;
        settings.Should().ContainKey(connection);
        settings[connection].Should().Contain("Endpoint=").And.Contain("Authentication=ManagedIdentity").And.Contain("ClientID=");

        ((int)durable["maxConcurrentActivityFunctions"]!).Should().BeInRange(1, 4, "one GPU per replica");
        ((int)host["extensions"]!["blobs"]!["poisonBlobThreshold"]!).Should().BeInRange(1, 10);
    }

    [Fact]
    public void Containers_and_queues_the_app_uses_are_created()
    {
        var variables = bicep.Template["variables"]!;
        var containers = variables["containerNames"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        var settings = bicep.AppSettings();

        var triggerContainer = SettingNames()["IncomingBlobPath"].Split('/')[0];
        containers["incoming"].Should().Be(triggerContainer, "the blob trigger listens on this container");
        settings["Pipeline__IncomingContainer"].Should().Be("[variables('containerNames').incoming]");
        settings["Pipeline__PagesContainer"].Should().Be("[variables('containerNames').pages]");
        settings["Pipeline__ResultsContainer"].Should().Be("[variables('containerNames').results]");
        settings["Pipeline__SchemasContainer"].Should().Be("[variables('containerNames').schemas]");
        var created = bicep.Module("storage")["properties"]!["parameters"]!["containerNames"]!["value"]!.AsArray().Select(v => (string)v!);
        created.Should().BeEquivalentTo("[variables('containerNames').incoming]", "[variables('containerNames').pages]", "[variables('containerNames').results]", "[variables('containerNames').schemas]");

        // The Functions blob extension's poison queue (fixed name) exists for blobs that keep failing.
        ((string?)variables["poisonQueueName"]).Should().Be("webjobs-blobtrigger-poison");
    }

    [Fact]
    public void Cosmos_names_and_partition_key_match_the_result_store()
    {
        var defaults = new CosmosResultStoreOptions { Endpoint = new Uri("https://localhost:8081") };
        var variables = bicep.Template["variables"]!;

        ((string?)variables["cosmosDatabaseName"]).Should().Be(defaults.DatabaseName);
        ((string?)variables["cosmosContainerName"]).Should().Be(defaults.ContainerName);
        var container = CompiledBicep.Resources(bicep.Module("cosmos")["properties"]!["template"]!.AsObject())
            .Single(r => (string?)r["type"] == "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
        var key = container["properties"]!["resource"]!["partitionKey"]!;
        key["paths"]!.AsArray().Select(p => (string)p!).Should().Equal("/documentId");
        ((int)key["version"]!).Should().Be(2);
    }

    [Fact]
    public void The_function_app_is_a_functionapp_container_app_on_the_gpu_profile()
    {
        var template = bicep.Module("containerApps")["properties"]!["template"]!.AsObject();
        var resources = CompiledBicep.Resources(template).ToArray();
        var app = resources.Single(r => (string?)r["type"] == "Microsoft.App/containerApps");
        var environment = resources.Single(r => (string?)r["type"] == "Microsoft.App/managedEnvironments");

        ((string?)app["kind"]).Should().Be("functionapp");
        var profile = (string)app["properties"]!["workloadProfileName"]!;
        environment["properties"]!["workloadProfiles"]!.AsArray()
            .Should().ContainSingle(p => (string?)p!["name"] == profile)
            .Which!["workloadProfileType"]!.GetValue<string>().Should().Be("[parameters('gpuProfileType')]");
        template["parameters"]!["gpuProfileType"]!["allowedValues"]!.AsArray().Select(v => (string)v!)
            .Should().BeEquivalentTo("Consumption-GPU-NC8as-T4", "Consumption-GPU-NC24-A100");
        ((string?)bicep.Template["parameters"]!["gpuProfileType"]!["defaultValue"]).Should().Be("Consumption-GPU-NC8as-T4");
        ((int)bicep.Template["parameters"]!["minReplicas"]!["defaultValue"]!).Should().Be(0, "scale to zero by default");
    }

    [Fact]
    public void The_event_grid_subscription_targets_the_blob_trigger_function()
    {
        var script = RepoPaths.ReadText("scripts/post-deploy.sh");
        var trigger = TriggerName().Match(RepoPaths.ReadText($"{FunctionsDir}/IncomingDocumentTrigger.cs")).Groups[1].Value;

        trigger.Should().NotBeEmpty();
        script.Should().Contain($"trigger_function=\"{trigger}\"");
        script.Should().Contain("functionName=Host.Functions.$trigger_function");
        script.Should().Contain("/blobServices/default/containers/$incoming/").And.Contain("--subject-ends-with \".pdf\"");
        foreach (var output in new[] { "functionAppName", "functionAppUrl", "eventGridSystemTopicName", "incomingContainer", "modelStorageAccountName", "modelShareName", "storageAccountName" })
        {
            bicep.Template["outputs"]!.AsObject().Should().ContainKey(output, "scripts/post-deploy.sh reads it");
        }
    }

    [Fact]
    public void The_functions_project_is_in_the_solution_ships_the_root_host_json_and_keeps_the_scheduler_provider_behind_one_property()
    {
        RepoPaths.ReadText("FastVlm.DocPipeline.sln").Should().Contain(@"src\FastVlm.DocPipeline.Functions\FastVlm.DocPipeline.Functions.csproj");
        var project = RepoPaths.ReadText($"{FunctionsDir}/FastVlm.DocPipeline.Functions.csproj");
        project.Should().Contain("Include=\"..\\..\\host.json\" Link=\"host.json\"");
        var provider = Regex.Matches(project, "<PackageReference Include=\"Microsoft\\.Azure\\.Functions\\.Worker\\.Extensions\\.DurableTask\\.AzureManaged\" />");
        provider.Should().ContainSingle();
        project.Should().Contain("<ItemGroup Condition=\"'$(IncludeDurableTaskScheduler)' == 'true'\">");
        project[..provider[0].Index].LastIndexOf("<ItemGroup", StringComparison.Ordinal)
            .Should().Be(project.IndexOf("<ItemGroup Condition=\"'$(IncludeDurableTaskScheduler)' == 'true'\">", StringComparison.Ordinal));
        Directory.EnumerateFiles(RepoPaths.Of(FunctionsDir), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .Should().NotContain(code => code.Contains("AzureManaged", StringComparison.Ordinal), "the provider is chosen by host.json, not by code");

        var dockerfile = RepoPaths.ReadText($"{FunctionsDir}/Dockerfile");
        dockerfile.Should().Contain("-p:OnnxRuntimeFlavor=Gpu").And.Contain("scripts/setup-pdfium.sh").And.Contain("USER 10001");
        var ingressPort = Regex.Match(RepoPaths.ReadText("infra/modules/containerApps.bicep"), @"targetPort: (\d+)").Groups[1].Value;
        dockerfile.Should().Contain($"ASPNETCORE_URLS=http://+:{ingressPort}").And.Contain($"EXPOSE {ingressPort}");
    }

    private static Dictionary<string, string> SettingNames() =>
        SettingConstant().Matches(RepoPaths.ReadText($"{FunctionsDir}/SettingNames.cs"))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [GeneratedRegex("public const string (\\w+) = \"([^\"]+)\";")]
    private static partial Regex SettingConstant();

    [GeneratedRegex("public const string Name = \"(\\w+)\";")]
    private static partial Regex TriggerName();
}
