// Event Grid topic for the pipeline's completion events (CloudEvents 1.0: FastVlm.DocPipeline.DocumentCompleted
// and DocumentFailed). Publishing is Entra-only (local auth disabled): the app identity is an EventGrid Data
// Sender on the topic. Users subscribe webhooks, queues or Logic Apps to it.
@description('Azure region.')
param location string

@description('Event Grid topic name.')
param topicName string

@description('Tags applied to every resource.')
param tags object

@description('Name of the app identity (user-assigned, same resource group).')
param appIdentityName string

var eventGridDataSenderRoleId = 'd5a91429-5739-47e2-a06b-3470a27159e7'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: topicName
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource appEventSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, appIdentity.id, eventGridDataSenderRoleId)
  scope: topic
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSenderRoleId)
  }
}

output topicName string = topic.name
output endpoint string = topic.properties.endpoint
