// The trainer: a Container Apps job on a serverless GPU workload profile, started by KEDA when training-requests has
// messages; each execution handles one request (watch --max-requests 1).
param location string
param tags object
param environmentName string
param jobName string
param identityName string
param registryName string
param workspaceName string
param gpuProfileType string
param image string
param storageName string
param blobEndpoint string
param queueEndpoint string
param appInsightsConnectionString string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  tags: tags
  sku: { name: 'Basic' }
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
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
      { name: 'gpu', workloadProfileType: gpuProfileType }
    ]
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
    workloadProfileName: 'gpu'
    configuration: {
      triggerType: 'Event'
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
          args: ['watch', '--max-requests', '1']
          resources: {
            cpu: json('8')
            memory: '56Gi'
          }
          env: [
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
output identityPrincipalId string = identity.properties.principalId
