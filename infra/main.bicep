targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to name and tag every resource.')
param environmentName string

@minLength(1)
@description('Azure region of every resource.')
param location string

@description('Object id of the deploying user, given data access to storage for the walk-through.')
param principalId string = ''

@description('Serverless GPU profile of the trainer job (Container Apps workload profile type).')
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Trainer image; azd deploy replaces it with the image built from src/Siamese.Trainer/Dockerfile.cuda.')
param trainerImage string = 'mcr.microsoft.com/dotnet/runtime:10.0.12-noble'

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    workspaceName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    appInsightsName: '${abbrs.insightsComponents}${resourceToken}'
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    location: location
    tags: tags
    planName: '${abbrs.webServerFarms}${resourceToken}'
    appName: '${abbrs.webSitesFunctions}${resourceToken}'
    identityName: '${abbrs.managedIdentityUserAssignedIdentities}func-${resourceToken}'
    storageName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
  }
}

module trainer 'app/trainer.bicep' = {
  name: 'trainer'
  scope: rg
  params: {
    location: location
    tags: tags
    environmentName: '${abbrs.appManagedEnvironments}${resourceToken}'
    jobName: '${abbrs.appJobs}trainer-${resourceToken}'
    identityName: '${abbrs.managedIdentityUserAssignedIdentities}trainer-${resourceToken}'
    registryName: '${abbrs.containerRegistryRegistries}${resourceToken}'
    workspaceName: monitoring.outputs.workspaceName
    gpuProfileType: gpuProfileType
    image: trainerImage
    storageName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageName: storage.outputs.name
    principals: concat(
      [
        { id: functions.outputs.identityPrincipalId, type: 'ServicePrincipal' }
        { id: trainer.outputs.identityPrincipalId, type: 'ServicePrincipal' }
      ],
      empty(principalId) ? [] : [{ id: principalId, type: 'User' }]
    )
  }
}

module events 'app/events.bicep' = {
  name: 'events'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.eventGridSystemTopics}${resourceToken}'
    storageName: storage.outputs.name
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_STORAGE_ACCOUNT string = storage.outputs.name
output AZURE_FUNCTION_APP string = functions.outputs.appName
output AZURE_TRAINER_JOB string = trainer.outputs.jobName
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = trainer.outputs.registryLoginServer
output AZURE_EVENTGRID_SYSTEM_TOPIC string = events.outputs.systemTopicName
