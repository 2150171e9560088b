// PrepareDataset's subscription to BlobCreated in raw/, deployed by scripts/post-deploy.sh after `azd deploy` (the
// webhook's key exists only once the code is deployed). A deployment creates or updates it, so the hook can run again.
// Undeliverable events go to the dead-letter container by the system topic's identity (see events.bicep).
param systemTopicName string
param storageName string
param deadLetterContainerName string

@secure()
@description('The blobs webhook of the Functions app, with its blobs_extension key.')
param endpointUrl string

@minValue(1)
@maxValue(30)
@description('Deliveries tried before an event is dead-lettered (a Flex Consumption cold start can fail a few).')
param maxDeliveryAttempts int = 30

@minValue(1)
@maxValue(1440)
@description('Minutes an event is retried before it is dead-lettered.')
param eventTimeToLiveInMinutes int = 1440

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: 'prepare-dataset'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: endpointUrl
        // One blob per delivery: PrepareDataset handles one upload at a time.
        maxEventsPerBatch: 1
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/raw/'
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output subscriptionName string = subscription.name
