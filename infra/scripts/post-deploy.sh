#!/usr/bin/env sh
# After `azd deploy`: subscribe PrepareDataset to BlobCreated events in raw/ (Flex Consumption has no polling blob
# trigger). The webhook needs the app's blobs_extension system key, which exists only once the code is deployed and
# the host has started, some seconds later. The subscription is a deployment of infra/app/blob-subscription.bicep
# (retry policy, dead-lettering by the system topic's identity), so running this hook again updates it.
# Needs the Azure CLI, signed in (`az login`); azd sets the AZURE_* variables from the provisioning outputs.
set -eu

fail() {
  echo "post-deploy: $*" >&2
  exit 1
}

for name in AZURE_SUBSCRIPTION_ID AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP AZURE_STORAGE_ACCOUNT \
  AZURE_EVENTGRID_SYSTEM_TOPIC AZURE_EVENTGRID_DEADLETTER_CONTAINER; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || fail "$name is not set; run this hook through azd (azd up, or azd hooks run postdeploy)."
done

subscription=$AZURE_SUBSCRIPTION_ID
group=$AZURE_RESOURCE_GROUP
app=$AZURE_FUNCTION_APP
template="$(dirname "$0")/../app/blob-subscription.bicep"

host=$(az functionapp show --subscription "$subscription" -g "$group" -n "$app" --query defaultHostName -o tsv)
[ -n "$host" ] || fail "no host name for the function app $app in $group."

# The key appears once the host has loaded the blobs extension: wait for it, up to 12 x 10 s.
key=""
attempt=1
while [ "$attempt" -le 12 ]; do
  key=$(az functionapp keys list --subscription "$subscription" -g "$group" -n "$app" \
    --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "post-deploy: waiting for the blobs_extension key of $app ($attempt/12)" >&2
  sleep 10
  attempt=$((attempt + 1))
done
[ -n "$key" ] || fail "the function app $app has no blobs_extension system key after 2 minutes. Is the code deployed \
and the host running (az functionapp show -g $group -n $app --query state)? Run 'azd hooks run postdeploy' to retry."

endpoint="https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.PrepareDataset&code=${key}"
echo "post-deploy: subscribing PrepareDataset ($host) to BlobCreated in raw/"
az deployment group create \
  --subscription "$subscription" \
  -g "$group" \
  --name prepare-dataset-subscription \
  --template-file "$template" \
  --parameters \
    systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC" \
    storageName="$AZURE_STORAGE_ACCOUNT" \
    deadLetterContainerName="$AZURE_EVENTGRID_DEADLETTER_CONTAINER" \
    endpointUrl="$endpoint" \
  --output none
echo "post-deploy: done; undeliverable events go to the $AZURE_EVENTGRID_DEADLETTER_CONTAINER container."
