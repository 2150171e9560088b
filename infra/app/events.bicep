// The Event Grid system topic of the storage account. Flex Consumption has no polling blob trigger, so PrepareDataset
// uses the Event Grid source in Azure; its subscription (BlobCreated in raw/ → the function's blobs webhook) needs the
// app's blobs_extension system key, which exists only after the code is deployed: scripts/post-deploy.sh creates it.
param location string
param tags object
param name string
param storageName string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output systemTopicName string = systemTopic.name
