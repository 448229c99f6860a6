using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Cli.Review.Cloud;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Deployment;

/// <summary>
/// The review Container App in the compiled Bicep: the function app's image running <c>docpipe review</c> over Cosmos
/// DB and the pages container, built-in authentication with the Entra provider required on every request, its own
/// identity with data-plane roles on exactly the documents container and the pages container, and the review URL.
/// The app is deployed twice (reviewContainerApp.bicep): locked, then serving once the authConfigs exist.
/// </summary>
public sealed partial class ReviewAppInfraTests(CompiledBicep bicep) : IClassFixture<CompiledBicep>
{
    private const string CosmosDataContributor = "00000000-0000-0000-0000-000000000002";
    private const string BlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";

    private JsonObject Template => bicep.Module("reviewApp")["properties"]!["template"]!.AsObject();

    private JsonObject[] Resources => CompiledBicep.Resources(Template).ToArray();

    private JsonObject Single(string type) => Resources.Single(r => (string?)r["type"] == type);

    /// <summary>The nested deployment of reviewContainerApp.bicep whose name ends in <paramref name="suffix"/> (<c>-locked</c>, <c>-serving</c>).</summary>
    private JsonObject AppDeployment(string suffix) =>
        Resources.Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && ((string)r["name"]!).Contains($"'{{0}}{suffix}'", StringComparison.Ordinal));

    /// <summary>The container app as the serving deployment declares it.</summary>
    private JsonObject App => CompiledBicep.Resources(AppDeployment("-serving")["properties"]!["template"]!.AsObject()).Single(r => (string?)r["type"] == "Microsoft.App/containerApps");

    /// <summary>The arguments of <c>docpipe</c>, as an ARM expression (the same in both deployments).</summary>
    private string ReviewArgs => (string)AppDeployment("-serving")["properties"]!["parameters"]!["args"]!["value"]!;

    [Fact]
    public void The_review_app_is_deployed_only_with_an_image_and_an_entra_registration()
    {
        var module = bicep.Module("reviewApp");
        var parameters = module["properties"]!["parameters"]!;

        ((string?)module["condition"]).Should().Be("[and(variables('reviewEnabled'), not(empty(parameters('reviewAppImage'))))]");
        ((string?)bicep.Template["variables"]!["reviewEnabled"]).Should().Be("[not(empty(parameters('reviewAuthClientId')))]");
        ((string?)parameters["appImage"]!["value"]).Should().Be("[parameters('reviewAppImage')]");
        ((string?)bicep.Template["parameters"]!["reviewAppImage"]!["defaultValue"]).Should().Be("[parameters('appImage')]", "the same image as the function app");
        ((string?)parameters["saveRole"]!["value"]).Should().Be("[parameters('reviewSaveRole')]");
        ((string?)parameters["identityName"]!["value"]).Should().Contain("-review-id", "its own identity, not the function app's");
        bicep.Template["outputs"]!.AsObject().Should().ContainKeys("reviewUrl", "reviewAppName");
        ((string?)bicep.Template["outputs"]!["reviewUrl"]!["value"]).Should().Contain("https://{0}").And.Contain("'fqdn'");
    }

    [Fact]
    public void The_container_runs_docpipe_review_over_cosmos_and_blob_storage_behind_easyauth()
    {
        var app = App;
        var container = app["properties"]!["template"]!["containers"]!.AsArray().Single()!;
        var args = ReviewArgs;

        container["command"]!.AsArray().Select(c => (string)c!).Should().Equal("docpipe");
        ((string?)container["args"]).Should().Be("[parameters('args')]");
        ((string?)AppDeployment("-locked")["properties"]!["parameters"]!["args"]!["value"]).Should().Be(args, "both deployments run the same command");
        args.Should().StartWith("[concat(createArray('review', ");
        foreach (var pair in new[]
        {
            "'--cosmos', parameters('cosmosEndpoint')",
            "'--database', parameters('cosmosDatabaseName')",
            "'--container', parameters('cosmosContainerName')",
            "'--storage', parameters('blobEndpoint')",
            "'--pages', parameters('pagesContainerName')",
            "'--host', '0.0.0.0'",
            "'--port', string(variables('port'))",
            "'--auth', 'easyauth'",
            "'--save-role', parameters('saveRole')",
            "'--events-topic', parameters('eventsTopicEndpoint')",
            "createArray('--save-group', parameters('saveGroup'))",
            "'--public-host', format('{0}-review.{1}', parameters('namePrefix'), reference(resourceId('Microsoft.App/managedEnvironments', parameters('environmentName'))",
        })
        {
            args.Should().Contain(pair);
        }

        args.Should().NotContainAny("key", "Key", "AccountKey", "listKeys");
        ((int)Template["variables"]!["port"]!).Should().Be(8080, "the image's ASPNETCORE_URLS port");
        ((string?)app["properties"]!["configuration"]!["ingress"]!["targetPort"]).Should().Be("[parameters('port')]");
        ((string?)AppDeployment("-serving")["properties"]!["parameters"]!["port"]!["value"]).Should().Be("[variables('port')]");
        ((bool)app["properties"]!["configuration"]!["ingress"]!["allowInsecure"]!).Should().BeFalse();
        ((string?)app["properties"]!["workloadProfileName"]).Should().Be("Consumption", "no GPU for a web app");
        var environment = CompiledBicep.Resources(bicep.Module("containerApps")["properties"]!["template"]!.AsObject())
            .Single(r => (string?)r["type"] == "Microsoft.App/managedEnvironments");
        environment["properties"]!["workloadProfiles"]!.AsArray().Select(p => (string)p!["name"]!).Should().Contain("Consumption");
        ((string?)container["env"]).Should().Be(
            "[concat(createArray(createObject('name', 'AZURE_CLIENT_ID', 'value', parameters('identityClientId'))), if(parameters('signInRequired'), variables('builtInAuth'), createArray()))]");
    }

    [Fact]
    public void The_command_line_in_the_bicep_parses_as_cloud_mode_with_platform_authentication()
    {
        var expression = PublicHostExpression().Replace(ReviewArgs, "'docpipe-review.example.azurecontainerapps.io'");
        var always = expression[..expression.IndexOf("), if(", StringComparison.Ordinal)];
        string[] args =
        [
            .. ArgToken().Matches(always).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? "https://" + m.Groups[2].Value : "8080").Skip(1),
            "--save-group", "g-1",
        ];
        var stores = new ReviewStoreOptions();
        var auth = new ReviewAuthOptions();
        var command = new RootCommand();
        stores.AddTo(command);
        auth.AddTo(command);
        // --host and --port belong to ReviewCommand itself.
        command.Options.Add(new Option<string>("--host"));
        command.Options.Add(new Option<int>("--port"));
        command.Options.Add(new Option<string[]>("--public-host"));
        command.Options.Add(new Option<Uri?>("--events-topic"));

        var parse = command.Parse(args);

        args.Should().Contain("--save-role").And.Contain("--public-host");
        parse.Errors.Should().BeEmpty();
        stores.IsCloud(parse).Should().BeTrue();
        auth.Read(parse, "nobody", FastVlm.DocPipeline.Tests.Cli.Review.CloudReviewTests.BehindSignIn).AuthenticatesRequests.Should().BeTrue("the app listens on 0.0.0.0 behind built-in authentication");
    }

    [Fact]
    public void Approvals_are_published_to_the_completion_topic_by_the_review_identity()
    {
        ((string?)Template["variables"]!["roles"]!["eventGridDataSender"]).Should().Be("d5a91429-5739-47e2-a06b-3470a27159e7", "the EventGrid Data Sender role");
        var sender = Resources.Single(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments" && ((string?)r["properties"]!["roleDefinitionId"])!.Contains("eventGridDataSender", StringComparison.Ordinal));
        ((string?)sender["scope"]).Should().Contain("Microsoft.EventGrid/topics").And.Contain("parameters('eventsTopicName')");
        ((string?)sender["properties"]!["principalId"]).Should().Contain("parameters('identityName')", "the review app's own identity sends the event");
        ReviewArgs.Should().Contain("'--events-topic', parameters('eventsTopicEndpoint')");
        ((string?)bicep.Module("reviewApp")["properties"]!["parameters"]!["eventsTopicEndpoint"]!["value"]).Should().Contain("events");
    }

    [Fact]
    public void Built_in_authentication_requires_an_entra_sign_in_on_every_request()
    {
        var auth = Single("Microsoft.App/containerApps/authConfigs")["properties"]!;
        var entra = auth["identityProviders"]!["azureActiveDirectory"]!;

        ((bool)auth["platform"]!["enabled"]!).Should().BeTrue();
        ((string?)auth["globalValidation"]!["unauthenticatedClientAction"]).Should().BeOneOf(["RedirectToLoginPage", "Return401"], "no request reaches the app unauthenticated");
        auth["globalValidation"]!.AsObject().Should().NotContainKey("excludedPaths");
        ((string?)auth["globalValidation"]!["redirectToProvider"]).Should().Be("azureactivedirectory");
        ((bool)auth["httpSettings"]!["requireHttps"]!).Should().BeTrue();
        ((bool)entra["enabled"]!).Should().BeTrue();
        ((string?)entra["registration"]!["clientId"]).Should().Be("[parameters('authClientId')]");
        ((string?)entra["registration"]!["openIdIssuer"]).Should().Contain("parameters('authTenantId')").And.Contain("/v2.0");
        ((string?)entra["registration"]!["clientSecretSettingName"]).Should().Contain("variables('authSecretName')");
        var secrets = (string)Template["variables"]!["appSecrets"]!;
        secrets.Should().Contain("keyVaultUrl").And.Contain("parameters('authClientSecretUri')").And.NotContain("'value'", "the secret is a Key Vault reference");
        Resources.Select(r => (string)r["type"]!).Should().NotContain("Microsoft.Web/sites/config");
    }

    [Fact]
    public void The_review_identity_gets_cosmos_data_contributor_on_the_documents_container_and_blob_reader_on_pages_only()
    {
        var cosmos = Single("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments")["properties"]!;
        var blobRoles = Resources.Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments")
            .Where(r => ((string)r["properties"]!["roleDefinitionId"]!).Contains("blobDataReader", StringComparison.Ordinal))
            .ToArray();

        ((string?)cosmos["roleDefinitionId"]).Should().Contain("sqlRoleDefinitions").And.Contain("variables('cosmosDataContributorRoleId')");
        ((string?)Template["variables"]!["cosmosDataContributorRoleId"]).Should().Be(CosmosDataContributor);
        ((string?)cosmos["scope"]).Should().Contain("/dbs/{").And.Contain("/colls/{").And.Contain("parameters('cosmosContainerName')");
        ((string?)cosmos["principalId"]).Should().Contain("parameters('identityName')");
        ((string?)Template["variables"]!["roles"]!["blobDataReader"]).Should().Be(BlobDataReader);
        var reader = blobRoles.Should().ContainSingle().Subject;
        ((string?)reader["scope"]).Should().Be("[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', parameters('pagesContainerName'))]");
        ((string?)reader["properties"]!["principalId"]).Should().Contain("parameters('identityName')");
        ((string?)bicep.Module("reviewApp")["properties"]!["parameters"]!["pagesContainerName"]!["value"]).Should().Be("[variables('containerNames').pages]");
        Resources.Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments").Select(r => (string)r["properties"]!["roleDefinitionId"]!)
            .Should().BeEquivalentTo(
                [
                    "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roles').acrPull)]",
                    "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roles').blobDataReader)]",
                    "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roles').eventGridDataSender)]",
                ],
                "the review identity pulls the image, reads pages and announces approvals, nothing more");
    }

    [Fact]
    public void The_function_app_trusts_principal_headers_only_when_its_built_in_authentication_is_deployed()
    {
        var settings = bicep.AppSettings();
        var template = bicep.Module("containerApps")["properties"]!["template"]!.AsObject();
        var auth = CompiledBicep.Resources(template).Single(r => (string?)r["type"] == "Microsoft.App/containerApps/authConfigs");

        settings.Keys.Should().NotContain(k => k.StartsWith("Review__", StringComparison.Ordinal), "the Functions app has no review endpoints: reviews go through the review app");
        ((string?)auth["condition"]).Should().Contain("parameters('apiAuthClientId')");
        ((string?)bicep.Module("containerApps")["properties"]!["parameters"]!["apiAuthClientId"]!["value"]).Should().Be("[parameters('reviewAuthClientId')]");
        ((string?)auth["properties"]!["globalValidation"]!["unauthenticatedClientAction"]).Should().Be("AllowAnonymous", "function keys keep gating the API");
        ((bool)auth["properties"]!["identityProviders"]!["azureActiveDirectory"]!["enabled"]!).Should().BeTrue();
        RepoPaths.ReadText("src/FastVlm.DocPipeline.Functions/Dockerfile").Should().Contain("/usr/local/bin/docpipe", "the review app runs docpipe from the same image");
    }

    [Fact]
    public void The_app_never_serves_without_sign_in_its_serving_revision_is_deployed_only_after_the_auth_config()
    {
        var locked = AppDeployment("-locked");
        var serving = AppDeployment("-serving");
        var auth = Single("Microsoft.App/containerApps/authConfigs");

        ((bool)locked["properties"]!["parameters"]!["signInRequired"]!["value"]!).Should().BeFalse("the first revision refuses --auth easyauth and answers nothing");
        ((bool)serving["properties"]!["parameters"]!["signInRequired"]!["value"]!).Should().BeTrue();
        auth["dependsOn"]!.AsArray().Select(d => (string)d!).Should().ContainSingle(d => d.Contains("'{0}-locked'", StringComparison.Ordinal), "authConfigs need the app to exist");
        serving["dependsOn"]!.AsArray().Select(d => (string)d!).Should().ContainSingle(d => d.Contains("Microsoft.App/containerApps/authConfigs", StringComparison.Ordinal), "the app may trust the platform only once sign-in is required");
        ((string?)auth["name"]).Should().Be("[format('{0}/{1}', variables('appName'), 'current')]");
        ((string?)Template["outputs"]!["fqdn"]!["value"]).Should().Contain("'{0}-serving'");

        var variable = serving["properties"]!["template"]!["variables"]!["builtInAuth"]!.AsArray().Single()!;
        ((string?)variable["name"]).Should().Be(ReviewPlatform.BuiltInAuthVariable);
        ((string?)variable["value"]).Should().Be(ReviewPlatform.BuiltInAuthValue);
        ReviewPlatform.From(new Dictionary<string, string> { [ReviewPlatform.ContainerAppNameVariable] = "x-review" })
            .AwaitingSignIn.Should().BeTrue("the locked revision has no such setting, so it answers every request 503");
        ReviewPlatform.From(new Dictionary<string, string> { [ReviewPlatform.ContainerAppNameVariable] = "x-review", [(string)variable["name"]!] = (string)variable["value"]! })
            .AwaitingSignIn.Should().BeFalse("the serving revision has it");
    }

    /// <summary>The <c>--public-host</c> value: the app's name under the environment's default domain.</summary>
    [GeneratedRegex(@"format\('\{0\}-review\.\{1\}'.*?\.defaultDomain\)")]
    private static partial Regex PublicHostExpression();

    /// <summary>A literal of the ARM expression, a parameter reference, or the port.</summary>
    [GeneratedRegex(@"'([^']*)'|parameters\('(\w+)'\)|string\(variables\('port'\)\)")]
    private static partial Regex ArgToken();
}
