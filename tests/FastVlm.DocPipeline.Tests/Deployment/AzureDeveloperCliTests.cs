using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Tests.TestSupport;
using Json.Schema;

namespace FastVlm.DocPipeline.Tests.Deployment;

/// <summary>
/// The root azure.yaml (the Azure Developer CLI's project file) against azd's own published schema (pinned in
/// Deployment/azd), and against the repository: the services' projects and Dockerfiles, the hook scripts and
/// the Bicep outputs it names exist; the hooks run end to end in their dry-run mode.
/// </summary>
public sealed partial class AzureDeveloperCliTests(CompiledBicep bicep) : IClassFixture<CompiledBicep>
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(RepoPaths.ReadText("tests/FastVlm.DocPipeline.Tests/Deployment/azd/azure.yaml.schema.json")));

    private static readonly Dictionary<string, string> NoVariables = [];

    private static JsonObject Project => AzureYaml.ToJson(RepoPaths.ReadText("azure.yaml"))!.AsObject();

    [Fact]
    public void Azure_yaml_is_valid_against_the_azd_schema()
    {
        Errors(Project).Should().BeEmpty();
    }

    [Fact]
    public void The_schema_check_rejects_a_hook_shell_or_a_build_flag_azd_does_not_know()
    {
        var badShell = Project;
        badShell["hooks"]!["postdeploy"]!["posix"]!["shell"] = "fish";
        var badFlag = Project;
        badFlag["services"]!["functions"]!["docker"]!["remoteBuild"] = "yes";

        Errors(badShell).Should().NotBeEmpty();
        Errors(badFlag).Should().NotBeEmpty();
    }

    [Fact]
    public void Every_service_names_a_project_a_dockerfile_and_a_build_context_that_exist()
    {
        var services = Project["services"]!.AsObject();
        services.Select(s => s.Key).Should().BeEquivalentTo("functions", "review");

        foreach (var (name, service) in services)
        {
            ((string?)service!["host"]).Should().Be("containerapp", name);
            var project = RepoPaths.Of((string)service["project"]!);
            Directory.Exists(project).Should().BeTrue($"service {name} builds {project}");
            var docker = service["docker"]!;
            File.Exists(Path.GetFullPath(Path.Combine(project, (string)docker["path"]!))).Should().BeTrue($"service {name}'s Dockerfile");
            Path.GetFullPath(Path.Combine(project, (string)docker["context"]!)).TrimEnd(Path.DirectorySeparatorChar)
                .Should().Be(RepoPaths.Root.TrimEnd(Path.DirectorySeparatorChar), "the Dockerfile copies from the repository root");
        }
    }

    [Fact]
    public void Every_variable_azure_yaml_substitutes_is_an_output_of_the_bicep()
    {
        var outputs = bicep.Template["outputs"]!.AsObject();
        var names = Substitution().Matches(RepoPaths.ReadText("azure.yaml")).Select(m => m.Groups[1].Value).Distinct().ToArray();

        names.Should().Contain(["SERVICE_FUNCTIONS_NAME", "SERVICE_REVIEW_NAME", "DOCPIPE_REVIEW_ENABLED"]);
        outputs.Should().ContainKeys(names);
        outputs.Should().ContainKey("AZURE_CONTAINER_REGISTRY_ENDPOINT", "azd deploy pushes the images there");
        ((string?)Project["infra"]!["path"]).Should().Be("infra");
        File.Exists(RepoPaths.Of($"infra/{(string)Project["infra"]!["module"]!}.bicepparam")).Should().BeTrue("azd prefers the .bicepparam, which reads its environment");
    }

    [Fact]
    public void Every_output_the_hooks_read_is_an_output_of_the_bicep()
    {
        var outputs = bicep.Template["outputs"]!.AsObject();
        var read = OutputCall().Matches(RepoPaths.ReadText("scripts/post-deploy.sh")).Select(m => m.Groups[1].Value).Distinct().ToArray();

        read.Should().Contain(["storageAccountName", "functionAppName", "eventGridSystemTopicName"]);
        outputs.Should().ContainKeys(read);
    }

    [Fact]
    public async Task The_hook_scripts_exist_parse_and_run_dry()
    {
        var hooks = Project["hooks"]!.AsObject().Select(h => (Name: h.Key, Script: (string)h.Value!["posix"]!["run"]!)).ToArray();
        hooks.Select(h => h.Name).Should().BeEquivalentTo("postprovision", "postdeploy");

        foreach (var (name, script) in hooks)
        {
            File.Exists(RepoPaths.Of(script)).Should().BeTrue($"the {name} hook runs {script}");
            if (!OperatingSystem.IsWindows())
            {
                (File.GetUnixFileMode(RepoPaths.Of(script)) & UnixFileMode.UserExecute).Should().NotBe(UnixFileMode.None, script);
            }

            (await Run("sh", ["-n", RepoPaths.Of(script)], NoVariables)).EnsureSuccess();
        }

        (await Run("bash", ["-n", RepoPaths.Of("scripts/post-deploy.sh")], NoVariables)).EnsureSuccess();

        using var model = new ScratchDirectory("azd-model");
        Directory.CreateDirectory(model.Path);
        File.WriteAllText(Path.Combine(model.Path, "config.json"), "{}");
        var outputs = bicep.Template["outputs"]!.AsObject().ToDictionary(o => o.Key, o => $"value-of-{o.Key}");
        outputs["DRY_RUN"] = "1";
        outputs["AZURE_RESOURCE_GROUP"] = "rg-docpipe";
        outputs["AZURE_PRINCIPAL_ID"] = "00000000-0000-0000-0000-000000000001";
        outputs["DOCPIPE_MODEL_SOURCE"] = model.Path;
        outputs["functionAppUrl"] = "https://func.example";

        var provision = (await Run("sh", [RepoPaths.Of(hooks.Single(h => h.Name == "postprovision").Script)], outputs)).EnsureSuccess().StandardOutput;
        provision.Should().Contain("az role assignment create --assignee-object-id 00000000-0000-0000-0000-000000000001")
            .And.Contain("--role Storage Blob Data Contributor --scope id-of-value-of-storageAccountName");
        var uploads = provision.Split('\n').Where(l => l.Contains("az storage blob upload", StringComparison.Ordinal)).ToArray();
        uploads.Should().HaveCount(Directory.GetFiles(RepoPaths.Of("samples/schemas"), "*.json").Length)
            .And.OnlyContain(l => l.Contains("--auth-mode login", StringComparison.Ordinal));
        provision.IndexOf("role assignment create", StringComparison.Ordinal).Should().BeLessThan(provision.IndexOf("storage blob upload", StringComparison.Ordinal));

        var deploy = (await Run("sh", [RepoPaths.Of(hooks.Single(h => h.Name == "postdeploy").Script)], outputs)).EnsureSuccess().StandardOutput;
        deploy.Should().Contain($"az storage file upload-batch --account-name value-of-modelStorageAccountName")
            .And.Contain("--destination-path fastvlm-0.5b")
            .And.Contain("az eventgrid system-topic event-subscription create -g rg-docpipe --system-topic-name value-of-eventGridSystemTopicName")
            .And.Contain("https://func.example/runtime/webhooks/blobs?functionName=Host.Functions.IncomingDocumentTrigger");
    }

    [Fact]
    public async Task Main_bicepparam_reads_the_azd_environment_and_keeps_the_manual_defaults()
    {
        var manual = await Parameters(NoVariables);
        manual["environmentName"].Should().Be("docpipe");
        manual["appImage"].Should().BeEmpty("the manual path deploys the data services first");
        manual["deployerPrincipalId"].Should().BeEmpty();
        manual["deployerPrincipalType"].Should().Be("User");

        var firstProvision = await Parameters(new Dictionary<string, string>
        {
            ["AZURE_ENV_NAME"] = "demo1",
            ["AZURE_PRINCIPAL_ID"] = "principal-1",
            ["AZURE_PRINCIPAL_TYPE"] = "ServicePrincipal",
            ["DOCPIPE_GPU_PROFILE"] = "Consumption-GPU-NC24-A100",
            ["DOCPIPE_REVIEW_CLIENT_ID"] = "client-1",
        });
        firstProvision["environmentName"].Should().Be("demo1");
        firstProvision["gpuProfileType"].Should().Be("Consumption-GPU-NC24-A100");
        firstProvision["deployerPrincipalId"].Should().Be("principal-1");
        firstProvision["deployerPrincipalType"].Should().Be("ServicePrincipal", "azd in a pipeline signs in as one");
        firstProvision["appImage"].Should().StartWith("mcr.microsoft.com/azure-functions/", "azd deploy needs the function app to exist");
        firstProvision["reviewAppImage"].Should().BeEmpty("the review app's command needs our image");
        firstProvision["reviewAuthClientId"].Should().Be("client-1");

        var afterDeploy = await Parameters(new Dictionary<string, string>
        {
            ["AZURE_ENV_NAME"] = "demo1",
            ["SERVICE_FUNCTIONS_IMAGE_NAME"] = "cr1.azurecr.io/docpipe/functions-demo1:azd-deploy-1",
        });
        afterDeploy["appImage"].Should().Be("cr1.azurecr.io/docpipe/functions-demo1:azd-deploy-1");
        afterDeploy["reviewAppImage"].Should().Be("cr1.azurecr.io/docpipe/functions-demo1:azd-deploy-1");
    }

    private static async Task<Dictionary<string, string>> Parameters(IReadOnlyDictionary<string, string> environment)
    {
        var variables = new Dictionary<string, string>(environment) { ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath() };
        var result = (await Run(CompiledBicep.FindBicep(), ["build-params", RepoPaths.Of("infra/main.bicepparam"), "--stdout"], variables)).EnsureSuccess();
        var parameters = JsonNode.Parse((string)JsonNode.Parse(result.StandardOutput)!["parametersJson"]!)!["parameters"]!.AsObject();
        return parameters.ToDictionary(p => p.Key, p => p.Value!["value"]!.ToString());
    }

    private static List<string> Errors(JsonNode project)
    {
        using var instance = JsonDocument.Parse(project.ToJsonString());
        var result = Schema.Value.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).DefaultIfEmpty("invalid").ToList();
    }

    private static Task<ChildProcess.Result> Run(string file, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = RepoPaths.Root };
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1), $"{file} is needed to check the azd hooks.");
    }

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)\}")]
    private static partial Regex Substitution();

    [GeneratedRegex(@"\$\(output ([A-Za-z]+)\)")]
    private static partial Regex OutputCall();
}
