// The Event Grid system topic of the storage account. Flex Consumption has no polling blob trigger, so PrepareDataset
// uses the Event Grid source in Azure; its subscription (BlobCreated in raw/ → the function's blobs webhook) needs the
// app's blobs_extension system key, which exists only after the code is deployed: scripts/post-deploy.sh deploys
// blob-subscription.bicep then. The topic has a system-assigned identity, allowed to write only to the dead-letter
// container, where the subscription puts the events it could not deliver.
param location string
param tags object
param name string
param storageName string
param deadLetterContainerName string

var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName

  resource blobs 'blobServices' existing = {
    name: 'default'

    resource deadLetter 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Identity-based dead-lettering: the topic's identity writes undeliverable events to the dead-letter container only.
resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobs::deadLetter.id, systemTopic.id, blobDataContributor)
  scope: storage::blobs::deadLetter
  properties: {
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
  }
}

output systemTopicName string = systemTopic.name
