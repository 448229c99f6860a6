using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Deployment;

/// <summary>
/// The compiled Bicep gives the app what completion events and telemetry need: an Event Grid topic that takes
/// CloudEvents and only Entra-authenticated publishers, the app identity as its EventGrid Data Sender, the topic
/// endpoint and the Application Insights connection string as app settings under the names the app reads.
/// </summary>
public sealed class CompletionEventsInfraTests(CompiledBicep bicep) : IClassFixture<CompiledBicep>
{
    private const string EventGridDataSender = "d5a91429-5739-47e2-a06b-3470a27159e7";

    [Fact]
    public void The_topic_takes_cloud_events_from_the_app_identity_only()
    {
        var template = bicep.Module("events")["properties"]!["template"]!.AsObject();
        var resources = CompiledBicep.Resources(template).ToArray();
        var topic = resources.Single(r => (string?)r["type"] == "Microsoft.EventGrid/topics");
        ((string?)topic["properties"]!["inputSchema"]).Should().Be("CloudEventSchemaV1_0");
        ((bool?)topic["properties"]!["disableLocalAuth"]).Should().BeTrue();

        var grant = resources.Single(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments");
        Resolve(template, (string)grant["properties"]!["roleDefinitionId"]!).Should().Contain(EventGridDataSender);
        ((string)grant["properties"]!["principalId"]!).Should().Contain("appIdentity").And.Contain("principalId");
        var appIdentity = CompiledBicep.Resources(bicep.Template)
            .Single(r => (string?)r["type"] == "Microsoft.ManagedIdentity/userAssignedIdentities" && !((string)r["name"]!).Contains("review", StringComparison.Ordinal));
        ((string?)bicep.Module("events")["properties"]!["parameters"]!["appIdentityName"]!["value"]).Should().Be((string?)appIdentity["name"], "the grant goes to the app's identity");
    }

    [Fact]
    public void The_app_gets_the_topic_endpoint_and_the_application_insights_connection_string()
    {
        var settings = bicep.AppSettings();
        var topicSetting = Constant("src/FastVlm.DocPipeline.Functions/Events/FunctionsEventsExtensions.cs", "TopicEndpointSetting").Replace(":", "__", StringComparison.Ordinal);
        var insightsSetting = Constant("src/FastVlm.DocPipeline.Functions/Telemetry/FunctionsTelemetryExtensions.cs", "ConnectionStringSetting");

        settings[topicSetting].Should().Contain("'events'").And.Contain("endpoint");
        settings[insightsSetting].Should().Contain("'monitoring'").And.Contain("appInsightsConnectionString");
    }

    /// <summary>The expression with each <c>variables('name')</c> of <paramref name="template"/> replaced by its value.</summary>
    private static string Resolve(JsonObject template, string expression)
    {
        foreach (var (name, value) in template["variables"]?.AsObject() ?? [])
        {
            if (value is JsonValue text && text.TryGetValue(out string? literal))
            {
                expression = expression.Replace($"variables('{name}')", $"'{literal}'", StringComparison.Ordinal);
            }
        }

        return expression;
    }

    private static string Constant(string file, string name)
    {
        var text = RepoPaths.ReadText(file);
        var marker = $"const string {name} = \"";
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"{file} defines {name}");
        start += marker.Length;
        return text[start..text.IndexOf('"', start)];
    }
}
