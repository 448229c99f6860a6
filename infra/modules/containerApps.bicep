// Container Apps environment (workload profiles: Consumption + one serverless GPU profile) and the
// function app: a native Container App of kind 'functionapp' on the GPU profile, scaling 0..N,
// pulling its image by identity and mounting the model share read-only.
@description('Azure region.')
param location string

@description('Name prefix shared by every resource of this deployment.')
param namePrefix string

@description('Tags applied to every resource.')
param tags object

@description('Log Analytics workspace receiving the environment logs.')
param workspaceName string

@description('Serverless GPU workload profile type.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string

@description('Storage account holding the model share (key-based SMB mount).')
param modelStorageAccountName string

@description('Model file share name.')
param modelShareName string

@description('Where the share is mounted in the container.')
param modelMountPath string

@description('Function app image (registry/repository:tag). Empty: create the environment only.')
param appImage string

@description('Registry login server the image is pulled from.')
param registryLoginServer string

@description('Resource id of the app identity.')
param identityId string

@description('Minimum replicas (0 = scale to zero; 1 keeps a warm GPU replica, billed continuously).')
@minValue(0)
param minReplicas int

@description('Maximum replicas (each holds one GPU; bounded by your GPU quota).')
@minValue(1)
param maxReplicas int

@description('Environment variables of the function app container (identity-based settings only, no secrets).')
param appSettings { name: string, value: string }[]

@description('Application (client) id of the Entra app registration whose bearer tokens the platform validates and forwards as the caller\'s principal (the review endpoints\' reviewer). Empty: no built-in authentication on the function app.')
param apiAuthClientId string

@description('Tenant of that app registration.')
param apiAuthTenantId string

var gpuProfileName = 'gpu'
var modelStorageName = 'models'

// vCPU and memory of one replica: the whole GPU profile (one GPU per replica).
var replicaSizes = {
  'Consumption-GPU-NC8as-T4': {
    cpu: json('8.0')
    memory: '56Gi'
  }
  'Consumption-GPU-NC24-A100': {
    cpu: json('24.0')
    memory: '220Gi'
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: workspaceName
}

resource modelStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: modelStorageAccountName
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: '${namePrefix}-env'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      {
        name: gpuProfileName
        workloadProfileType: gpuProfileType
      }
    ]
  }
}

resource environmentModelStorage 'Microsoft.App/managedEnvironments/storages@2025-07-01' = {
  parent: environment
  name: modelStorageName
  properties: {
    azureFile: {
      accountName: modelStorage.name
      accountKey: modelStorage.listKeys().keys[0].value
      shareName: modelShareName
      accessMode: 'ReadOnly'
    }
  }
}

resource functionApp 'Microsoft.App/containerApps@2025-07-01' = if (!empty(appImage)) {
  name: '${namePrefix}-func'
  location: location
  tags: tags
  kind: 'functionapp'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: gpuProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'functions'
          image: appImage
          resources: replicaSizes[gpuProfileType]
          env: appSettings
          volumeMounts: [
            {
              volumeName: modelStorageName
              mountPath: modelMountPath
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
      volumes: [
        {
          name: modelStorageName
          storageType: 'AzureFile'
          storageName: environmentModelStorage.name
        }
      ]
    }
  }
}

// Built-in authentication in front of the API without requiring it: function keys still gate every route, and a
// caller that also sends an Entra token for the registration arrives with its principal, which the platform alone
// may set (it strips X-MS-CLIENT-PRINCIPAL from outside requests). The review endpoints save only for such callers.
resource functionAppAuth 'Microsoft.App/containerApps/authConfigs@2025-07-01' = if (!empty(appImage) && !empty(apiAuthClientId)) {
  parent: functionApp
  name: 'current'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: apiAuthClientId
          openIdIssuer: '${az.environment().authentication.loginEndpoint}${apiAuthTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${apiAuthClientId}'
            apiAuthClientId
          ]
        }
      }
    }
  }
}

output environmentName string = environment.name
output functionAppName string = functionApp.?name ?? ''
output functionAppFqdn string = functionApp.?properties.configuration.ingress.fqdn ?? ''
