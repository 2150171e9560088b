// One storage account for everything: uploads, datasets, models, galleries, the queues, the Functions package, and the
// BlobCreated events Event Grid could not deliver (eventgrid-deadletter). Keys are disabled: every service signs in
// with its managed identity.
param location string
param tags object
param name string

@description('Container for the events that Event Grid could not deliver to PrepareDataset.')
param deadLetterContainerName string = 'eventgrid-deadletter'

var containers = ['raw', 'datasets', 'models', 'galleries', 'deployment', deadLetterContainerName]
// training-requests-poison: where the trainer moves a request that cannot succeed (TrainingRequestWatcher.PoisonQueue). The
// trainer creates it too, but it is declared here so that the trainer's role can be scoped to it (rbac.bicep).
var queues = ['prepare-chunks', 'training-requests', 'training-requests-poison']

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
output deadLetterContainerName string = deadLetterContainerName
