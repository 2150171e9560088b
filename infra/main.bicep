targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to name and tag every resource.')
param environmentName string

// Regions with both Container Apps serverless GPUs (the T4 and the A100 consumption profiles) and Flex Consumption.
// Serverless GPUs: Microsoft Learn, "Using serverless GPUs in Azure Container Apps" (ms.date 2025-06-02) lists
// West US 3, Australia East and Sweden Central with both profiles (West US: A100 only, West Europe: T4 only, left out).
// Flex Consumption: Australia East and Sweden Central are in the Azure-Samples Flex quickstart's region list; West US 3
// in a list of Flex regions dated 2026-04. Regions change: check with
//   az containerapp env workload-profile list-supported -l <region>   and   az functionapp list-flexconsumption-locations
@minLength(1)
@description('Azure region of every resource: one with serverless GPUs and Flex Consumption.')
@allowed(['australiaeast', 'swedencentral', 'westus3'])
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the deploying principal, given data access to storage for the walk-through.')
param principalId string = ''

@description('What principalId is: User for `azd up` signed in as yourself, ServicePrincipal in CI, Group for a group.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Serverless GPU profile of the trainer job (Container Apps workload profile type): T4 (16 GB) or A100 (80 GB).')
@allowed(['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100'])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('true: the trainer job runs on the serverless GPU profile (needs GPU quota, checked by scripts/pre-provision.sh); false: on the Consumption profile\'s CPUs. azd: AZURE_TRAINER_GPU.')
param trainerGpu bool = true

@description('Container registry tier: Basic is enough for one image pulled per training run (see app/trainer.bicep).')
@allowed(['Basic', 'Standard', 'Premium'])
param registrySku string = 'Basic'

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

// Order on a first deploy: the identities, then their role assignments, then the app and the job that use them, so
// that neither starts before it has access to storage.
module identities 'app/identities.bicep' = {
  name: 'identities'
  scope: rg
  params: {
    location: location
    tags: tags
    functionsIdentityName: '${abbrs.managedIdentityUserAssignedIdentities}func-${resourceToken}'
    trainerIdentityName: '${abbrs.managedIdentityUserAssignedIdentities}trainer-${resourceToken}'
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageName: storage.outputs.name
    functionsPrincipalId: identities.outputs.functionsPrincipalId
    trainerPrincipalId: identities.outputs.trainerPrincipalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
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
    identityName: identities.outputs.functionsIdentityName
    storageName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
  }
  dependsOn: [rbac]
}

module trainer 'app/trainer.bicep' = {
  name: 'trainer'
  scope: rg
  params: {
    location: location
    tags: tags
    environmentName: '${abbrs.appManagedEnvironments}${resourceToken}'
    jobName: '${abbrs.appJobs}trainer-${resourceToken}'
    identityName: identities.outputs.trainerIdentityName
    registryName: '${abbrs.containerRegistryRegistries}${resourceToken}'
    workspaceName: monitoring.outputs.workspaceName
    gpuProfileType: gpuProfileType
    useGpu: trainerGpu
    registrySku: registrySku
    image: trainerImage
    storageName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
  }
  dependsOn: [rbac]
}

module events 'app/events.bicep' = {
  name: 'events'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.eventGridSystemTopics}${resourceToken}'
    storageName: storage.outputs.name
    deadLetterContainerName: storage.outputs.deadLetterContainerName
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_STORAGE_ACCOUNT string = storage.outputs.name
output AZURE_FUNCTION_APP string = functions.outputs.appName
output AZURE_TRAINER_JOB string = trainer.outputs.jobName
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = trainer.outputs.registryLoginServer
output AZURE_EVENTGRID_SYSTEM_TOPIC string = events.outputs.systemTopicName
output AZURE_EVENTGRID_DEADLETTER_CONTAINER string = storage.outputs.deadLetterContainerName
