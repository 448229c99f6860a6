// Azure Container Registry for the function app image; pulled by the app identity (admin user off).
@description('Azure region.')
param location string

@description('Globally unique registry name (5-50 letters and digits).')
@minLength(5)
@maxLength(50)
param registryName string

@description('Tags applied to every resource.')
param tags object

@description('Registry SKU. Premium enables artifact streaming (faster cold starts for large images).')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param sku string

@description('Name of the app identity (user-assigned, same resource group).')
param appIdentityName string

var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: registryName
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

resource appAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, appIdentity.id, acrPullRoleId)
  scope: registry
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
