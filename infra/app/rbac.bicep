// Data access to the storage account by identity (no keys), the least each principal needs, at the account's scope.
//   Functions identity: Storage Blob Data Owner, the role the Functions documentation asks for AzureWebJobsStorage (host
//     locks and leases, keys, blob-trigger receipts, the Flex Consumption package in `deployment`), which also covers
//     the pipeline's blobs; Storage Queue Data Contributor for the pipeline's queues and the blob trigger's poison
//     queue. No table role: the app uses no tables, and neither the blob trigger (Event Grid source) nor the queue
//     trigger keeps state in tables; the one table user left is the host's diagnostic events (AZFD0003, shown in the
//     portal's diagnostics), which is not worth write access to every table of the account.
//   Trainer identity: Storage Blob Data Contributor (datasets, checkpoints, the served pointer, blob leases) and
//     Storage Queue Data Contributor (it takes training-requests; KEDA's azure-queue scaler reads the queue length with
//     the same identity).
//   Deploying principal (optional): the same two Contributor roles, for the walk-through (upload, status, models).
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
var trainerGrants = [
  { principalId: trainerPrincipalId, principalType: 'ServicePrincipal', role: blobDataContributor }
  { principalId: trainerPrincipalId, principalType: 'ServicePrincipal', role: queueDataContributor }
]
var deployerGrants = empty(deployerPrincipalId) ? [] : [
  { principalId: deployerPrincipalId, principalType: deployerPrincipalType, role: blobDataContributor }
  { principalId: deployerPrincipalId, principalType: deployerPrincipalType, role: queueDataContributor }
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in concat(functionsGrants, trainerGrants, deployerGrants): {
  name: guid(storage.id, grant.principalId, grant.role)
  scope: storage
  properties: {
    principalId: grant.principalId
    principalType: grant.principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
  }
}]
