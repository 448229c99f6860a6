// FastVlm.DocPipeline on Azure: PDFs dropped into the `incoming` container are rasterised and read by
// FastVLM on a serverless GPU (Azure Functions on Container Apps + Durable Task Scheduler); results
// land in Cosmos DB. Deploy twice: once without `appImage` (registry and data services), then, after
// the image is built into the registry, with it (the function app). See README "Deploy to Azure".
targetScope = 'resourceGroup'

@description('Short name used to derive every resource name (letters and digits, 3-12).')
@minLength(3)
@maxLength(12)
param environmentName string

@description('Azure region. Pick one that offers the chosen serverless GPU profile.')
param location string = resourceGroup().location

@description('Serverless GPU profile of the function app: T4 (wider availability) or A100.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Function app image, e.g. <registry>.azurecr.io/docpipe-functions:1. Empty on the first deployment.')
param appImage string = ''

@description('Image of the review app: the function app image, which carries the docpipe CLI. Empty: no review app.')
param reviewAppImage string = appImage

@description('Registry SKU (Premium enables artifact streaming for faster cold starts).')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param registrySku string = 'Basic'

@description('Minimum replicas: 0 scales to zero (no GPU billed while idle).')
@minValue(0)
param minReplicas int = 0

@description('Maximum replicas: one GPU each; bounded by the subscription GPU quota.')
@minValue(1)
@maxValue(50)
param maxReplicas int = 2

@description('Directory of the model export inside the model share (the app reads <mount>/<directory>).')
param modelDirectory string = 'fastvlm-0.5b'

@description('Extraction schema applied to uploaded documents (built-in: invoice, receipt, form, describe-pages).')
param schemaName string = 'invoice'

@description('Default schemas per blob-name prefix, e.g. \'receipts/=receipt;invoices/=invoice\' (empty: schemaName for every upload). Each must exist as {name}/{version}.json in the schemas container.')
param defaultSchemas string = ''

@description('Candidate schemas when schemaName (or a defaultSchemas entry) is auto, e.g. \'invoice;receipt\': each document is classified from its first page and extracted with the winner.')
param classifyCandidates string = ''

@description('With auto: classify every page and store each document a bundled upload holds as its own document.')
param classifySplit bool = false

@description('Durable Task Scheduler task hub name.')
param taskHubName string = 'docpipe'

@description('Object id of the person deploying (az ad signed-in-user show --query id -o tsv): granted blob, Cosmos and scheduler data access. Empty: none.')
param deployerPrincipalId string = ''

@description('Kind of the deployer principal: User, or ServicePrincipal when a pipeline deploys.')
@allowed([
  'User'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

@description('Application (client) id of the Entra app registration reviewers sign in to. Empty: no review app, and the function app\'s review endpoints refuse every save.')
param reviewAuthClientId string = ''

@description('Tenant of the review app registration.')
param reviewAuthTenantId string = tenant().tenantId

@description('Key Vault secret URI (https://VAULT.vault.azure.net/secrets/NAME) of the registration\'s client secret; the review identity needs Key Vault Secrets User on it. Empty: ID-token sign-in without a secret.')
param reviewAuthClientSecretUri string = ''

@description('App role (value) of the registration whose holders may save reviews.')
param reviewSaveRole string = 'Reviewer'

@description('Entra group (object id) whose members may also save reviews. Empty: the role only.')
param reviewSaveGroup string = ''

var token = toLower(uniqueString(resourceGroup().id, environmentName))
var namePrefix = toLower(environmentName)
var tags = {
  application: 'fastvlm-docpipeline'
  environment: environmentName
}

// Names the app and the infrastructure must agree on (checked by tests/.../Deployment tests).
var containerNames = {
  incoming: 'incoming'
  pages: 'pages'
  results: 'results'
  schemas: 'schemas'
}
var poisonQueueName = 'webjobs-blobtrigger-poison'
var cosmosDatabaseName = 'docpipe'
var cosmosContainerName = 'documents'
var modelShareName = 'models'
var workspaceName = '${namePrefix}-logs'
var modelStorageAccountName = take('stm${namePrefix}${token}', 24)
var modelMountPath = '/models'
var storageAccountName = take('st${namePrefix}${token}', 24)
var cosmosAccountName = take('cosmos-${namePrefix}-${token}', 44)
var registryName = take('cr${namePrefix}${token}', 50)
var reviewEnabled = !empty(reviewAuthClientId)

// The identity the function app runs as; every data-plane access below is granted to it.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-id'
  location: location
  tags: tags
}

// The review app's own identity: Cosmos DB data access to the documents container and read access to the pages.
resource reviewIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-review-id'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
    workspaceName: workspaceName
    tags: tags
    appIdentityName: identity.name
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: storageAccountName
    namePrefix: namePrefix
    tags: tags
    containerNames: [
      containerNames.incoming
      containerNames.pages
      containerNames.results
      containerNames.schemas
    ]
    queueNames: [
      poisonQueueName
    ]
    appIdentityName: identity.name
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
}

module modelStorage 'modules/modelStorage.bicep' = {
  name: 'modelStorage'
  params: {
    location: location
    accountName: modelStorageAccountName
    tags: tags
    shareName: modelShareName
    shareQuotaGiB: 32
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    accountName: cosmosAccountName
    tags: tags
    databaseName: cosmosDatabaseName
    containerName: cosmosContainerName
    appIdentityName: identity.name
    deployerPrincipalId: deployerPrincipalId
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    registryName: registryName
    tags: tags
    sku: registrySku
    appIdentityName: identity.name
  }
}

module durableTask 'modules/durableTask.bicep' = {
  name: 'durableTask'
  params: {
    location: location
    schedulerName: take('dts-${namePrefix}-${token}', 64)
    taskHubName: taskHubName
    tags: tags
    appIdentityName: identity.name
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
}

var eventsTopicName = take('evgt-${namePrefix}-${token}', 50)

module events 'modules/events.bicep' = {
  name: 'events'
  params: {
    location: location
    topicName: eventsTopicName
    tags: tags
    appIdentityName: identity.name
  }
}

module containerApps 'modules/containerApps.bicep' = {
  name: 'containerApps'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    workspaceName: workspaceName
    gpuProfileType: gpuProfileType
    modelStorageAccountName: modelStorageAccountName
    modelShareName: modelStorage.outputs.shareName
    modelMountPath: modelMountPath
    appImage: appImage
    registryLoginServer: registry.outputs.loginServer
    identityId: identity.id
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    apiAuthClientId: reviewAuthClientId
    apiAuthTenantId: reviewAuthTenantId
    // Identity-based settings only: no keys or connection secrets reach the app.
    appSettings: [
      { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
      { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
      { name: 'AzureWebJobsStorage__accountName', value: storage.outputs.accountName }
      { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
      { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
      { name: 'DocumentStorage__blobServiceUri', value: storage.outputs.blobEndpoint }
      { name: 'DocumentStorage__queueServiceUri', value: storage.outputs.queueEndpoint }
      { name: 'DocumentStorage__credential', value: 'managedidentity' }
      { name: 'DocumentStorage__clientId', value: identity.properties.clientId }
      {
        name: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
        value: 'Endpoint=${durableTask.outputs.endpoint};Authentication=ManagedIdentity;ClientID=${identity.properties.clientId}'
      }
      { name: 'TASKHUB_NAME', value: durableTask.outputs.taskHubName }
      { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.appInsightsConnectionString }
      { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD;ClientId=${identity.properties.clientId}' }
      { name: 'Cosmos__Endpoint', value: cosmos.outputs.endpoint }
      { name: 'Cosmos__Database', value: cosmos.outputs.databaseName }
      { name: 'Cosmos__Container', value: cosmos.outputs.containerName }
      { name: 'Pipeline__IncomingContainer', value: containerNames.incoming }
      { name: 'Pipeline__PagesContainer', value: containerNames.pages }
      { name: 'Pipeline__ResultsContainer', value: containerNames.results }
      { name: 'Pipeline__Schema', value: schemaName }
      { name: 'Pipeline__SchemasContainer', value: containerNames.schemas }
      { name: 'Pipeline__DefaultSchemas', value: defaultSchemas }
      { name: 'Pipeline__ClassifyCandidates', value: classifyCandidates }
      { name: 'Pipeline__ClassifySplit', value: string(classifySplit) }
      { name: 'Model__Path', value: '${modelMountPath}/${modelDirectory}' }
      { name: 'Model__ExecutionProvider', value: 'cuda' }
      { name: 'Events__TopicEndpoint', value: events.outputs.endpoint }
    ]
  }
}

module reviewApp 'modules/reviewApp.bicep' = if (reviewEnabled && !empty(reviewAppImage)) {
  name: 'reviewApp'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    environmentName: '${namePrefix}-env'
    appImage: reviewAppImage
    registryLoginServer: registry.outputs.loginServer
    registryName: registryName
    identityName: reviewIdentity.name
    cosmosAccountName: cosmosAccountName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    cosmosContainerName: cosmos.outputs.containerName
    storageAccountName: storageAccountName
    blobEndpoint: storage.outputs.blobEndpoint
    pagesContainerName: containerNames.pages
    authClientId: reviewAuthClientId
    authTenantId: reviewAuthTenantId
    authClientSecretUri: reviewAuthClientSecretUri
    saveRole: reviewSaveRole
    saveGroup: reviewSaveGroup
    eventsTopicName: eventsTopicName
    eventsTopicEndpoint: events.outputs.endpoint
  }
  dependsOn: [
    containerApps
  ]
}

output resourceGroupName string = resourceGroup().name
output storageAccountName string = storage.outputs.accountName
output blobEndpoint string = storage.outputs.blobEndpoint
output incomingContainer string = containerNames.incoming
output eventGridSystemTopicName string = storage.outputs.systemTopicName
output modelStorageAccountName string = modelStorage.outputs.accountName
output modelShareName string = modelStorage.outputs.shareName
output cosmosEndpoint string = cosmos.outputs.endpoint
output cosmosAccountName string = cosmos.outputs.accountName
output cosmosDatabaseName string = cosmos.outputs.databaseName
output cosmosContainerName string = cosmos.outputs.containerName
output registryName string = registry.outputs.name
output registryLoginServer string = registry.outputs.loginServer
output completionEventsTopicName string = events.outputs.topicName
output completionEventsTopicEndpoint string = events.outputs.endpoint
output durableTaskSchedulerEndpoint string = durableTask.outputs.endpoint
output taskHubName string = durableTask.outputs.taskHubName
output containerAppsEnvironmentName string = containerApps.outputs.environmentName
output functionAppName string = containerApps.outputs.functionAppName
output functionAppUrl string = empty(containerApps.outputs.functionAppFqdn) ? '' : 'https://${containerApps.outputs.functionAppFqdn}'
output reviewAppName string = reviewApp.?outputs.appName ?? ''
output reviewUrl string = empty(reviewApp.?outputs.fqdn ?? '') ? '' : 'https://${reviewApp.?outputs.fqdn}'

// The Azure Developer CLI (azure.yaml) reads these: where `azd deploy` pushes images, which apps it updates
// and whether there is a review app to deploy.
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output SERVICE_FUNCTIONS_NAME string = containerApps.outputs.functionAppName
output SERVICE_REVIEW_NAME string = reviewApp.?outputs.appName ?? ''
output DOCPIPE_REVIEW_ENABLED string = string(reviewEnabled && !empty(reviewAppImage))
