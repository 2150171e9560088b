// The Functions app on Flex Consumption, with a user-assigned identity (identities.bicep, granted its roles in
// rbac.bicep before this module runs) and identity-based connections only.
// Flex Consumption has no polling blob trigger: PrepareDataset uses the Event Grid source there (see events.bicep).
param location string
param tags object
param planName string
param appName string
param identityName string
param storageName string
param blobEndpoint string
param queueEndpoint string
param appInsightsConnectionString string

// The most HTTP requests (Compare, Identify) one instance serves at once; more start another instance. Explicit,
// because decoded images bound it by memory: at the 16 MP serving cap a request takes up to 125 MiB, and 8 of them fit
// the 1,028 MiB a 2,048 MB instance has left after the host, the worker with its model and 20 % headroom
// (docs/benchmarks.md, Serving memory).
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 8

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}deployment'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storageName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        // The pipeline's one connection (StorageNames.Connection = "Storage"), by identity.
        { name: 'Storage__blobServiceUri', value: blobEndpoint }
        { name: 'Storage__queueServiceUri', value: queueEndpoint }
        { name: 'Storage__credential', value: 'managedidentity' }
        { name: 'Storage__clientId', value: identity.properties.clientId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        // The reconciler's timer reads its schedule as %Reconcile:Schedule% (ReconcileOptions.DefaultSchedule).
        { name: 'Reconcile__Schedule', value: '0 */5 * * * *' }
      ]
    }
  }
}

output appName string = app.name
