// Data access to the storage account by identity (no keys), the least each principal needs.
//   Functions identity, at the account's scope: Storage Blob Data Owner, the role the Functions documentation asks for
//     AzureWebJobsStorage (host locks and leases, keys, blob-trigger receipts, the Flex Consumption package in
//     `deployment`), which also covers the pipeline's blobs; Storage Queue Data Contributor for the pipeline's queues
//     and the blob trigger's poison queue (the host names and creates queues of its own, so no narrower scope).
//     No table role, on purpose: the app uses no tables, and neither the blob trigger (Event Grid source) nor the queue
//     trigger keeps state in tables. The one table user left is the host's diagnostic events (AZFD0003, shown in the
//     portal's diagnostics): they would need Storage Table Data Contributor on the whole account (the host creates a
//     table per month, so no narrower scope exists), and without it the host logs a warning and stops recording them.
//     Write access to every table of the account is not worth that (docs/deployment.md, "What this deployment
//     depends on in Azure").
//   Trainer identity, on what it uses only: Storage Blob Data Contributor on the `datasets` container (reads prepared
//     datasets, writes their status) and the `models` container (checkpoints, decisions, the served pointer, blob
//     leases); Storage Queue Data Contributor on `training-requests` (it takes, renews and deletes requests; KEDA's
//     azure-queue scaler peeks the queue with the same identity) and on `training-requests-poison`.
//   Deploying principal (optional): Blob and Queue Data Contributor on the account, for the walk-through (upload,
//     status, models).
param storageName string
param functionsPrincipalId string
param trainerPrincipalId string

@description('Object id of the deploying principal; empty: no data access for it.')
param deployerPrincipalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param deployerPrincipalType string = 'User'

var blobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

var functionsGrants = [
  { principalId: functionsPrincipalId, principalType: 'ServicePrincipal', role: blobDataOwner }
  { principalId: functionsPrincipalId, principalType: 'ServicePrincipal', role: queueDataContributor }
]
// The containers and queues the trainer uses (StorageNames in src/Siamese.Storage; storage.bicep creates them).
var trainerContainers = ['datasets', 'models']
var trainerQueues = ['training-requests', 'training-requests-poison']
var deployerGrants = empty(deployerPrincipalId) ? [] : [
  { principalId: deployerPrincipalId, principalType: deployerPrincipalType, role: blobDataContributor }
  { principalId: deployerPrincipalId, principalType: deployerPrincipalType, role: queueDataContributor }
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName

  resource blobs 'blobServices' existing = {
    name: 'default'
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }
}

resource trainerContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [
  for name in trainerContainers: {
    parent: storage::blobs
    name: name
  }
]

resource trainerQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = [
  for name in trainerQueues: {
    parent: storage::queueService
    name: name
  }
]

resource trainerBlobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in trainerContainers: {
    name: guid(trainerContainer[i].id, trainerPrincipalId, blobDataContributor)
    scope: trainerContainer[i]
    properties: {
      principalId: trainerPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
    }
  }
]

resource trainerQueueAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in trainerQueues: {
    name: guid(trainerQueue[i].id, trainerPrincipalId, queueDataContributor)
    scope: trainerQueue[i]
    properties: {
      principalId: trainerPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueDataContributor)
    }
  }
]

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in concat(functionsGrants, deployerGrants): {
  name: guid(storage.id, grant.principalId, grant.role)
  scope: storage
  properties: {
    principalId: grant.principalId
    principalType: grant.principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
  }
}]
