// The user-assigned identities of the Functions app and of the trainer job. They are created on their own, before
// anything uses them, so that their role assignments (rbac.bicep) exist before the app or the job first starts.
param location string
param tags object
param functionsIdentityName string
param trainerIdentityName string

resource functionsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: functionsIdentityName
  location: location
  tags: tags
}

resource trainerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: trainerIdentityName
  location: location
  tags: tags
}

output functionsIdentityName string = functionsIdentity.name
output functionsPrincipalId string = functionsIdentity.properties.principalId
output trainerIdentityName string = trainerIdentity.name
output trainerPrincipalId string = trainerIdentity.properties.principalId
