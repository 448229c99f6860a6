// The review Container App itself, deployed twice by reviewApp.bicep so that it never serves without sign-in:
// first without DOCPIPE_REVIEW_BUILT_IN_AUTH (so `docpipe review --auth easyauth` serves nothing: every request is
// 503 review.sign_in_pending), then, once the app's authConfigs require sign-in, with it set (signInRequired).
@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the Container App.')
param appName string

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Resource id of the review identity (user-assigned).')
param identityId string

@description('Client id of the review identity.')
param identityClientId string

@description('The function app image (it carries the docpipe CLI as well).')
param appImage string

@description('Registry login server the image is pulled from.')
param registryLoginServer string

@description('Arguments of `docpipe`.')
param args array

@description('Port the app listens on.')
param port int

@description('Container App secrets (the Entra client secret reference).')
param secrets array

@description('True only in the deployment that follows the app\'s authConfigs: the app may then trust the platform\'s principal headers.')
param signInRequired bool

var builtInAuth = [
  // ReviewPlatform.BuiltInAuthVariable / BuiltInAuthValue in src/FastVlm.DocPipeline.Cli/Review/Cloud/ReviewPlatform.cs
  { name: 'DOCPIPE_REVIEW_BUILT_IN_AUTH', value: 'containerapps-require-sign-in' }
]

resource reviewApp 'Microsoft.App/containerApps@2025-07-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: 'review'
          image: appImage
          command: [
            'docpipe'
          ]
          args: args
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat([{ name: 'AZURE_CLIENT_ID', value: identityClientId }], signInRequired ? builtInAuth : [])
        }
      ]
      scale: {
        minReplicas: 0
        maxReplicas: 2
      }
    }
  }
}

output appName string = reviewApp.name
output fqdn string = reviewApp.properties.configuration.ingress.fqdn
