#!/usr/bin/env sh
# After `azd deploy`: subscribe PrepareDataset to BlobCreated events in raw/ (Flex Consumption has no polling blob
# trigger). The webhook needs the app's blobs_extension system key, which exists only once the code is deployed and
# the host has started, some seconds later. The subscription is a deployment of infra/app/blob-subscription.bicep
# (retry policy, dead-lettering by the system topic's identity), so running this hook again updates it.
# Creating it makes Event Grid call the webhook (validation handshake), which may meet a cold Flex Consumption
# instance: the deployment is retried with back-off. Then the subscription's state is checked, one probe blob under
# raw/.probes/ is followed end to end (PrepareDataset answers probes, never prepares them), and the system topic's
# delivery counts of the last day are shown (best effort).
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
retry="Run 'azd hooks run postdeploy' to retry."
echo "post-deploy: subscribing PrepareDataset ($host) to BlobCreated in raw/"

# 6 tries, 10/20/40/80/160 s apart (about 5 minutes in all).
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
attempt=1
delay=10
while :; do
  if az deployment group create \
    --subscription "$subscription" \
    -g "$group" \
    --name prepare-dataset-subscription \
    --template-file "$template" \
    --parameters \
      systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC" \
      storageName="$AZURE_STORAGE_ACCOUNT" \
      deadLetterContainerName="$AZURE_EVENTGRID_DEADLETTER_CONTAINER" \
      endpointUrl="$endpoint" \
    --output none 2>"$errors"; then
    break
  fi
  if [ "$attempt" -ge 6 ]; then
    echo "post-deploy: creating the Event Grid subscription failed 6 times; the last error (webhook key hidden):" >&2
    sed 's/code=[^&" ]*/code=<hidden>/g; s/^/post-deploy:   /' "$errors" >&2
    fail "the blob trigger of PrepareDataset gets no events until the subscription exists. Check that the app runs \
(az functionapp show -g $group -n $app --query state). $retry"
  fi
  echo "post-deploy: creating the subscription failed (try $attempt/6; the webhook's validation handshake may have met \
a cold instance); next try in ${delay} s" >&2
  sleep "$delay"
  attempt=$((attempt + 1))
  delay=$((delay * 2))
done

state=$(az eventgrid system-topic event-subscription show --subscription "$subscription" -g "$group" \
  --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC" -n prepare-dataset --query provisioningState -o tsv 2>"$errors" ||
  true)
[ "$state" = "Succeeded" ] || fail "the Event Grid subscription prepare-dataset is '${state:-unreadable}', not \
Succeeded ($(tr '\n' ' ' <"$errors")). $retry"
echo "post-deploy: the subscription prepare-dataset is Succeeded."

# End to end: a probe blob under raw/.probes/ goes from storage through Event Grid to PrepareDataset, which answers it
# with datasets/.probes/<name>.json instead of preparing it (DeliveryProbes). Needs the deploying principal's data role
# (AZURE_PRINCIPAL_ID, granted by infra/app/rbac.bicep) and the storage account's network rules to let this machine in.
probe=".probes/deploy-$(date -u +%Y%m%dT%H%M%SZ)"
probe_file=$(mktemp)
printf 'delivery probe from post-deploy.sh\n' >"$probe_file"
if ! az storage blob upload --account-name "$AZURE_STORAGE_ACCOUNT" --auth-mode login --container-name raw \
  --name "$probe" --file "$probe_file" --output none 2>"$errors"; then
  rm -f "$probe_file"
  fail "could not write the probe raw/$probe ($(tr '\n' ' ' <"$errors")); the deploying principal needs Storage Blob Data \
Contributor on $AZURE_STORAGE_ACCOUNT (azd grants it when AZURE_PRINCIPAL_ID is set; a new role takes a few minutes to \
apply). $retry"
fi
rm -f "$probe_file"
echo "post-deploy: wrote the probe raw/$probe; waiting for PrepareDataset to answer it"
answered=""
attempt=1
while [ "$attempt" -le 18 ]; do
  answered=$(az storage blob exists --account-name "$AZURE_STORAGE_ACCOUNT" --auth-mode login --container-name datasets \
    --name "$probe.json" --query exists -o tsv 2>/dev/null || true)
  [ "$answered" = "true" ] && break
  sleep 10
  attempt=$((attempt + 1))
done
[ "$answered" = "true" ] || fail "no answer to the probe raw/$probe after 3 minutes: the event did not reach PrepareDataset. \
Look at the system topic's delivery failures and dead letters (container $AZURE_EVENTGRID_DEADLETTER_CONTAINER) and the \
function app's logs. $retry"
echo "post-deploy: PrepareDataset answered the probe (datasets/$probe.json): uploads to raw/ reach the pipeline."

# Best effort: what the system topic delivered in the last day (zero on a first deploy, before any upload).
topic_id=$(az eventgrid system-topic show --subscription "$subscription" -g "$group" -n "$AZURE_EVENTGRID_SYSTEM_TOPIC" \
  --query id -o tsv 2>/dev/null || true)
if [ -n "$topic_id" ] && metrics=$(az monitor metrics list --resource "$topic_id" \
  --metrics DeliverySuccessCount DeliveryAttemptFailCount DeadLetteredCount --aggregation Total --interval P1D \
  --offset 1d --query "value[].[name.value, to_string(timeseries[0].data[-1].total)]" -o tsv 2>/dev/null); then
  echo "post-deploy: deliveries of the last day (metric, total):"
  printf '%s\n' "$metrics" | sed 's/^/post-deploy:   /'
else
  echo "post-deploy: could not read the system topic's delivery metrics (not an error; see the topic's Metrics in the portal)."
fi
echo "post-deploy: done; undeliverable events go to the $AZURE_EVENTGRID_DEADLETTER_CONTAINER container."
echo "post-deploy: the studio page: https://${host}/api/studio (it asks for a function key: az functionapp keys list -g $group -n $app)"
