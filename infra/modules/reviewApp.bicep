// The review web app: the function app's image running `docpipe review` over Cosmos DB and the pages container,
// as its own Container App on the Consumption profile, behind Container Apps built-in authentication with the
// Entra ID provider (every request signed in). It runs as its own identity with only what reviewing needs:
// Cosmos DB Built-in Data Contributor on the documents container, Storage Blob Data Reader on the pages
// container, AcrPull on the registry. The platform forwards the signed-in user (X-MS-CLIENT-PRINCIPAL), which
// `--auth easyauth` trusts; only holders of the app role `saveRole` (or members of `saveGroup`) may save.
// Order (docs/review-security.md): the app is first deployed without DOCPIPE_REVIEW_BUILT_IN_AUTH, so docpipe
// serves nothing (503); then authConfigs require sign-in; only then is the app redeployed with the setting.
@description('Azure region.')
param location string

@description('Name prefix shared by every resource of this deployment.')
param namePrefix string

@description('Tags applied to every resource.')
param tags object

@description('Container Apps environment the app joins.')
param environmentName string

@description('The function app image (it carries the docpipe CLI as well).')
param appImage string

@description('Registry login server the image is pulled from.')
param registryLoginServer string

@description('Registry name (AcrPull for the review identity).')
param registryName string

@description('Name of the review identity (user-assigned, same resource group).')
param identityName string

@description('Cosmos DB account name.')
param cosmosAccountName string

@description('Cosmos DB endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database.')
param cosmosDatabaseName string

@description('Cosmos DB container.')
param cosmosContainerName string

@description('Document storage account name.')
param storageAccountName string

@description('Blob endpoint of the document storage account.')
param blobEndpoint string

@description('Container of the rendered page images.')
param pagesContainerName string

@description('Application (client) id of the Entra app registration users sign in to.')
param authClientId string

@description('Tenant of the app registration.')
param authTenantId string

@description('Key Vault secret URI of the registration\'s client secret (the review identity needs Key Vault Secrets User on it). Empty: ID-token sign-in without a secret.')
param authClientSecretUri string

@description('App role whose holders may save reviews.')
param saveRole string

@description('Event Grid topic that gets a DocumentReviewed CloudEvent for each approval (the review identity becomes an EventGrid Data Sender on it).')
param eventsTopicName string

@description('Endpoint of that topic.')
param eventsTopicEndpoint string

@description('Group object id whose members may save reviews (empty: the role only).')
param saveGroup string

var port = 8080
var authSecretName = 'microsoft-provider-authentication-secret'
// Cosmos DB Built-in Data Contributor (data plane role, not an Azure RBAC role).
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'
var roles = {
  blobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7'
}
var reviewArgs = concat(
  [
    'review'
    '--cosmos'
    cosmosEndpoint
    '--database'
    cosmosDatabaseName
    '--container'
    cosmosContainerName
    '--storage'
    blobEndpoint
    '--pages'
    pagesContainerName
    '--host'
    '0.0.0.0'
    '--port'
    string(port)
    '--auth'
    'easyauth'
    '--save-role'
    saveRole
    '--public-host'
    '${namePrefix}-review.${appsEnvironment.properties.defaultDomain}'
    '--events-topic'
    eventsTopicEndpoint
  ],
  empty(saveGroup) ? [] : ['--save-group', saveGroup]
)

resource appsEnvironment 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: environmentName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: registryName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: cosmosAccountName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource pages 'containers' existing = {
      name: pagesContainerName
    }
  }
}

resource eventsTopic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: eventsTopicName
}

resource reviewedEventSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventsTopic.id, identity.id, roles.eventGridDataSender)
  scope: eventsTopic
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
  }
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, roles.acrPull)
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

resource pagesReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount::blobService::pages.id, identity.id, roles.blobDataReader)
  scope: storageAccount::blobService::pages
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataReader)
  }
}

resource documentsContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    principalId: identity.properties.principalId
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    scope: '${cosmosAccount.id}/dbs/${cosmosDatabaseName}/colls/${cosmosContainerName}'
  }
}

var appName = '${namePrefix}-review'
var appSecrets = empty(authClientSecretUri)
  ? []
  : [
      {
        name: authSecretName
        keyVaultUrl: authClientSecretUri
        identity: identity.id
      }
    ]

// 1. The app, refusing to serve: without DOCPIPE_REVIEW_BUILT_IN_AUTH `docpipe review --auth easyauth` answers
//    every request 503 (review.sign_in_pending), so there is never a revision that serves without sign-in (and this
//    one stays healthy, so the deployment goes on).
module reviewAppLocked 'reviewContainerApp.bicep' = {
  name: '${deployment().name}-locked'
  params: {
    location: location
    tags: tags
    appName: appName
    environmentId: appsEnvironment.id
    identityId: identity.id
    identityClientId: identity.properties.clientId
    appImage: appImage
    registryLoginServer: registryLoginServer
    args: reviewArgs
    port: port
    secrets: appSecrets
    signInRequired: false
  }
  dependsOn: [
    acrPull
  ]
}

resource reviewApp 'Microsoft.App/containerApps@2025-07-01' existing = {
  name: appName
}

// 2. Sign-in required on every request (no excluded paths), before anything can answer.
resource reviewAuth 'Microsoft.App/containerApps/authConfigs@2025-07-01' = {
  parent: reviewApp
  name: 'current'
  dependsOn: [
    reviewAppLocked
  ]
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          clientSecretSettingName: empty(authClientSecretUri) ? null : authSecretName
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
  }
}

// 3. The same app, now told that the platform signs every request in: only this revision serves.
module reviewAppServing 'reviewContainerApp.bicep' = {
  name: '${deployment().name}-serving'
  params: {
    location: location
    tags: tags
    appName: appName
    environmentId: appsEnvironment.id
    identityId: identity.id
    identityClientId: identity.properties.clientId
    appImage: appImage
    registryLoginServer: registryLoginServer
    args: reviewArgs
    port: port
    secrets: appSecrets
    signInRequired: true
  }
  dependsOn: [
    reviewAuth
  ]
}

output appName string = reviewAppServing.outputs.appName
output fqdn string = reviewAppServing.outputs.fqdn
