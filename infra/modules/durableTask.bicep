// Durable Task Scheduler (the managed Durable Functions backend that lets orchestrations scale from
// zero on Container Apps) with one task hub; the app identity gets Durable Task Data Contributor.
@description('Azure region.')
param location string

@description('Scheduler name.')
@minLength(3)
@maxLength(64)
param schedulerName string

@description('Task hub name (host.json hubName resolves to it through the TASKHUB_NAME setting).')
param taskHubName string

@description('Tags applied to every resource.')
param tags object

@description('Name of the app identity (user-assigned, same resource group).')
param appIdentityName string

@description('Optional principal id of the person deploying (dashboard access). Empty: none.')
param deployerPrincipalId string

@description('Kind of the deployer principal: a person, or a service principal when a pipeline deploys.')
@allowed([
  'User'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

var durableTaskDataContributorRoleId = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource scheduler 'Microsoft.DurableTask/schedulers@2026-02-01' = {
  name: schedulerName
  location: location
  tags: tags
  properties: {
    ipAllowlist: [
      '0.0.0.0/0'
    ]
    sku: {
      name: 'Consumption'
    }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2026-02-01' = {
  parent: scheduler
  name: taskHubName
}

resource appDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, appIdentity.id, durableTaskDataContributorRoleId)
  scope: scheduler
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributorRoleId)
  }
}

resource deployerDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(scheduler.id, deployerPrincipalId, durableTaskDataContributorRoleId)
  scope: scheduler
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributorRoleId)
  }
}

output schedulerName string = scheduler.name
output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
