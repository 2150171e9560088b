#!/usr/bin/env sh
# After `azd deploy`: subscribe PrepareDataset to BlobCreated events in raw/ (Flex Consumption has no polling blob
# trigger). The webhook needs the app's blobs_extension system key, which exists only once the code is deployed.
set -eu
key=$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP" --query "systemKeys.blobs_extension" -o tsv)
endpoint="https://${AZURE_FUNCTION_APP}.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.PrepareDataset&code=${key}"
az eventgrid system-topic event-subscription create \
  --name prepare-dataset \
  -g "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC" \
  --endpoint "$endpoint" \
  --endpoint-type webhook \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/raw/
