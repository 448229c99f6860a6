// Model weights live on an Azure Files (SMB) share mounted read-only into every replica, so the image
// stays small and a new model is an upload, not a rebuild.
//
// Trade-off: Container Apps mounts SMB shares with the storage ACCOUNT KEY (no managed-identity mount),
// while the document account forbids shared keys. The weights therefore get their own small account
// with key access on, holding nothing but the public model files; its key never leaves the Container
// Apps environment definition (read here with listKeys, never output). The alternative, an NFS share
// (no key), needs a Premium FileStorage account and a VNet-integrated environment: more moving parts
// and a fixed monthly cost for a share that is read once per cold start.
@description('Azure region.')
param location string

@description('Globally unique storage account name for the model share.')
@minLength(3)
@maxLength(24)
param accountName string

@description('Tags applied to every resource.')
param tags object

@description('File share holding the model directories.')
param shareName string

@description('Share quota in GiB.')
@minValue(1)
param shareQuotaGiB int

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2025-06-01' = {
  parent: fileService
  name: shareName
  properties: {
    shareQuota: shareQuotaGiB
    enabledProtocols: 'SMB'
  }
}

output accountName string = account.name
output shareName string = share.name
