// One storage account for everything: uploads, datasets, models, galleries, the queues, and the Functions package.
// Keys are disabled: every service signs in with its managed identity.
param location string
param tags object
param name string

var containers = ['raw', 'datasets', 'models', 'galleries', 'deployment']
var queues = ['prepare-chunks', 'training-requests']

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }

  resource blobs 'blobServices' = {
    name: 'default'
    resource container 'containers' = [for container in containers: { name: container }]
  }

  resource queueService 'queueServices' = {
    name: 'default'
    resource queue 'queues' = [for queue in queues: { name: queue }]
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
