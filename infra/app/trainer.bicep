// The trainer: a Container Apps job on a serverless GPU workload profile (or, with useGpu false, on the Consumption
// profile's CPUs), started by KEDA when training-requests has visible messages; each execution handles one request (watch --max-requests 1) and leaves after 300 s with an empty queue
// (--idle-exit-seconds 300: KEDA can start an execution for a request another one has already taken). Its identity
// (identities.bicep) has its storage roles (rbac.bicep) before this module runs.
param location string
param tags object
param environmentName string
param jobName string
param identityName string
param registryName string
param workspaceName string
@allowed(['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100'])
param gpuProfileType string

@description('false: no GPU profile; the job trains on the Consumption profile\'s CPUs (slow, for regions or subscriptions without GPU quota).')
param useGpu bool = true

// Basic has no geo-replication, private link or the higher throughput of Standard and Premium; the trainer pulls one
// image per execution, which Basic's limits allow. Artifact streaming (pulling only the layers a start needs) is a
// Premium feature documented for AKS, not for Container Apps jobs, so a higher tier does not shorten this job's pull.
@allowed(['Basic', 'Standard', 'Premium'])
param registrySku string = 'Basic'
param image string
param storageName string
param blobEndpoint string
param queueEndpoint string
param appInsightsConnectionString string

// What one replica gets on each serverless GPU profile: the whole GPU, its vCPUs and memory; without a GPU, the most
// one Consumption replica may have (4 vCPUs, 8 GiB).
var gpuResources = {
  'Consumption-GPU-NC8as-T4': { cpu: '8', memory: '56Gi' }
  'Consumption-GPU-NC24-A100': { cpu: '24', memory: '220Gi' }
}
var replicaResources = useGpu ? gpuResources[gpuProfileType] : { cpu: '4', memory: '8Gi' }
var trainingDevice = useGpu ? 'cuda' : 'cpu'
var workloadProfiles = concat(
  [{ name: 'Consumption', workloadProfileType: 'Consumption' }],
  useGpu ? [{ name: 'gpu', workloadProfileType: gpuProfileType }] : []
)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  tags: tags
  sku: { name: registrySku }
  properties: {
    adminUserEnabled: false
  }
}

// AcrPull for the job's identity.
resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: workloadProfiles
  }
}

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: jobName
  location: location
  tags: union(tags, { 'azd-service-name': 'trainer' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: useGpu ? 'gpu' : 'Consumption'
    configuration: {
      triggerType: 'Event'
      // 24 h: the longest one training run may take. Not shorter: a run on a full data set takes hours, and a replica
      // stopped at the timeout loses the epoch it was in (the request's next run resumes from the last checkpoint).
      // An execution that finds no work costs only its idle time: it exits after --idle-exit-seconds.
      replicaTimeout: 86400
      replicaRetryLimit: 1
      registries: [
        { server: registry.properties.loginServer, identity: identity.id }
      ]
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: 2
          pollingInterval: 30
          rules: [
            {
              name: 'training-requests'
              type: 'azure-queue'
              metadata: {
                accountName: storageName
                queueName: 'training-requests'
                queueLength: '1'
                // Count only visible messages: a request a running execution holds (invisible while it trains) must
                // not start another execution. KEDA falls back to counting all messages at 32 or more.
                queueLengthStrategy: 'visibleonly'
              }
              // KEDA reads the queue length with the job's identity: no connection string, no key.
              identity: identity.id
            }
          ]
        }
      }
    }
    template: {
      containers: [
        {
          name: 'trainer'
          image: image
          args: ['watch', '--max-requests', '1', '--idle-exit-seconds', '300']
          resources: {
            cpu: json(replicaResources.cpu)
            memory: replicaResources.memory
          }
          env: [
            // CUDA or nothing: on a GPU profile a silent fall back to the CPU would train for days. The trainer stops
            // at once with device.unavailable when the image or the replica has no CUDA. Without a GPU: the CPU, asked for.
            { name: 'Training__Device', value: trainingDevice }
            { name: 'Storage__blobServiceUri', value: blobEndpoint }
            { name: 'Storage__queueServiceUri', value: queueEndpoint }
            { name: 'Storage__credential', value: 'managedidentity' }
            { name: 'Storage__clientId', value: identity.properties.clientId }
            { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
          ]
        }
      ]
    }
  }
  dependsOn: [acrPull]
}

output jobName string = job.name
output registryLoginServer string = registry.properties.loginServer
