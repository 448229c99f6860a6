using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Functions;
using FastVlm.DocPipeline.Tests.Deployment;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Workflow;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>
/// What the Functions host will load: the <c>functions.metadata</c> and <c>extensions.json</c> the worker SDK
/// generated in this build, checked against the app's names, host.json and the compiled Bicep.
/// </summary>
public sealed partial class FunctionsMetadataTests(CompiledBicep bicep) : IClassFixture<CompiledBicep>
{
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static string BuildOutput(string file)
    {
        var path = BuildOutputs.Of("src/FastVlm.DocPipeline.Functions", file);
        File.Exists(path).Should().BeTrue($"building the solution generates {path}");
        return path;
    }

    private static JsonArray Functions() => JsonNode.Parse(File.ReadAllText(BuildOutput("functions.metadata")))!.AsArray();

    private static IEnumerable<(string Name, JsonObject Trigger)> Triggers() =>
        Functions().Select(f => ((string)f!["name"]!, f["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal))));

    [Fact]
    public void The_blob_trigger_is_an_event_grid_trigger_on_the_incoming_container_with_the_identity_connection()
    {
        var (name, trigger) = Triggers().Single(t => (string?)t.Trigger["type"] == "blobTrigger");
        var settings = bicep.AppSettings();

        name.Should().Be(IncomingDocumentTrigger.Name);
        ((string?)trigger["source"]).Should().Be("EventGrid");
        var container = ((string)trigger["path"]!).Split('/')[0];
        ((string?)bicep.Template["variables"]!["containerNames"]!["incoming"]).Should().Be(container);
        ((string)trigger["path"]!).Should().Be($"{container}/{{name}}");
        var connection = (string)trigger["connection"]!;
        settings.Should().ContainKey($"{connection}__blobServiceUri").And.ContainKey($"{connection}__credential");
        RepoPaths.ReadText("scripts/post-deploy.sh").Should().Contain($"trigger_function=\"{name}\"");
    }

    [Fact]
    public void Every_workflow_and_activity_is_a_durable_function_of_the_same_name()
    {
        var triggers = Triggers().ToArray();

        triggers.Where(t => (string?)t.Trigger["type"] == "orchestrationTrigger").Select(t => t.Name)
            .Should().BeEquivalentTo(WorkflowNames.Document, WorkflowNames.PageRange);
        triggers.Where(t => (string?)t.Trigger["type"] == "activityTrigger").Select(t => t.Name)
            .Should().BeEquivalentTo(ActivityNames.All);
        Functions().Where(f => f!["bindings"]!.AsArray().Any(b => (string?)b!["type"] == "durableClient")).Select(f => (string)f!["name"]!)
            .Should().BeEquivalentTo(IncomingDocumentTrigger.Name, "SubmitDocument", "GetDocumentStatus");
    }

    [Fact]
    public void The_http_api_is_three_function_key_routes_and_review_is_left_to_the_review_app()
    {
        var routes = Triggers().Where(t => (string?)t.Trigger["type"] == "httpTrigger")
            .Select(t => (t.Name, Route: (string)t.Trigger["route"]!, Method: string.Join(",", t.Trigger["methods"]!.AsArray().Select(m => (string)m!)), Auth: (string)t.Trigger["authLevel"]!))
            .ToArray();

        routes.Should().BeEquivalentTo(new[]
        {
            ("SubmitDocument", "documents", "post", "Function"),
            ("GetDocumentStatus", "documents/{documentId}/status", "get", "Function"),
            ("GetDocument", "documents/{documentId}", "get", "Function"),
        });
    }

    [Fact]
    public void The_extensions_bundle_loads_blobs_and_durable_task_which_host_json_configures()
    {
        var extensions = JsonNode.Parse(File.ReadAllText(BuildOutput("extensions.json")))!["extensions"]!.AsArray()
            .Select(e => (Name: (string)e!["name"]!, Type: (string)e["typeName"]!)).ToArray();
        var host = JsonNode.Parse(File.ReadAllText(BuildOutput("host.json")), documentOptions: JsonOptions)!;

        host.ToJsonString().Should().Be(JsonNode.Parse(RepoPaths.ReadText("host.json"), documentOptions: JsonOptions)!.ToJsonString(), "the app ships the repository's host.json");
        extensions.Select(e => e.Name).Should().Contain(["AzureStorageBlobs", "DurableTask"]);
        extensions.Single(e => e.Name == "DurableTask").Type.Should().StartWith("Microsoft.Azure.WebJobs.Extensions.DurableTask.");
        host["extensions"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("durableTask", "blobs");
        var hub = ((string)host["extensions"]!["durableTask"]!["hubName"]!).Trim('%');
        bicep.AppSettings().Should().ContainKey(hub);
        SettingNameValue().Match(RepoPaths.ReadText("src/FastVlm.DocPipeline.Functions/SettingNames.cs")).Groups[1].Value
            .Should().Be(((string)Triggers().Single(t => t.Name == IncomingDocumentTrigger.Name).Trigger["path"]!));
    }

    [GeneratedRegex("IncomingBlobPath = \"([^\"]+)\"")]
    private static partial Regex SettingNameValue();
}
