#!/usr/bin/env sh
# Before `azd provision`: does the region offer the trainer's serverless GPU profile, and does the subscription have
# GPU quota there? Without either, provisioning would fail late (the Container Apps environment or the job's first
# execution). Stops with what to do; or, with AZURE_TRAINER_GPU=false (azd env set AZURE_TRAINER_GPU false), checks
# nothing and lets infra/ put the trainer on the Consumption profile's CPUs.
# Needs the Azure CLI, signed in (`az login`); azd passes its environment's values (AZURE_LOCATION, ...) to the hook.
set -eu

say() {
  echo "pre-provision: $*"
}

fail() {
  echo "pre-provision: $*" >&2
  exit 1
}

quota_help="Request GPU quota: Azure portal > Quotas > Azure Container Apps (subscription and region), see \
https://learn.microsoft.com/azure/container-apps/quotas ; or train on CPUs: azd env set AZURE_TRAINER_GPU false"

gpu=${AZURE_TRAINER_GPU:-true}
case $gpu in
  true | True | TRUE) ;;
  false | False | FALSE)
    say "AZURE_TRAINER_GPU=false: the trainer job runs on the Consumption profile (4 vCPUs, Training__Device=cpu);"
    say "no GPU check. Training a full data set on CPUs takes days; set AZURE_TRAINER_GPU true once you have quota."
    exit 0
    ;;
  *) fail "AZURE_TRAINER_GPU is '$gpu'; set it to true or false (azd env set AZURE_TRAINER_GPU false)." ;;
esac

location=${AZURE_LOCATION:-}
[ -n "$location" ] || fail "AZURE_LOCATION is not set; choose a region first: azd env set AZURE_LOCATION swedencentral \
(australiaeast, swedencentral or westus3)."
profile=${AZURE_GPU_PROFILE_TYPE:-Consumption-GPU-NC8as-T4}
case $profile in
  *T4) gpu_name=T4 ;;
  *A100) gpu_name=A100 ;;
  *) fail "AZURE_GPU_PROFILE_TYPE is '$profile'; use Consumption-GPU-NC8as-T4 or Consumption-GPU-NC24-A100." ;;
esac

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not installed: https://learn.microsoft.com/cli/azure/install-azure-cli"
subscription=${AZURE_SUBSCRIPTION_ID:-}
if [ -z "$subscription" ]; then
  subscription=$(az account show --query id -o tsv 2>/dev/null) || fail "the Azure CLI is not signed in: run az login."
fi

# 1. Does the region offer the profile? (a core command in current CLIs; older ones have it in the containerapp extension)
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
if supported=$(az containerapp env workload-profile list-supported -l "$location" --subscription "$subscription" \
  --query "[].name" -o tsv 2>"$errors"); then
  if printf '%s\n' "$supported" | grep -qx "$profile"; then
    say "$location offers the workload profile $profile."
  else
    fail "$location does not offer the serverless GPU profile $profile (az containerapp env workload-profile \
list-supported -l $location lists: $(printf '%s' "$supported" | tr '\n' ' ')). Choose another region \
(azd env set AZURE_LOCATION ...), the other profile (azd env set AZURE_GPU_PROFILE_TYPE ...), or train on CPUs: \
azd env set AZURE_TRAINER_GPU false"
  fi
else
  say "WARNING: could not list the workload profiles of $location, so this check is skipped:"
  sed 's/^/pre-provision:   /' "$errors"
  say "If the command is missing, update the CLI (az upgrade) or add its extension: az extension add --name containerapp --upgrade"
fi

# 2. GPU quota of the subscription in the region: Microsoft.App usages (REST, through the core CLI: no extension).
usages_url="https://management.azure.com/subscriptions/$subscription/providers/Microsoft.App/locations/$location/usages"
if usages=$(az rest --method get --url "$usages_url?api-version=2025-07-01" \
  --query "value[].[name.value, name.localizedValue, to_string(currentValue), to_string(limit)]" -o tsv 2>"$errors"); then
  line=$(printf '%s\n' "$usages" | grep -i "gpu" | grep -i "$gpu_name" | head -n 1 || true)
  if [ -z "$line" ]; then
    say "WARNING: no $gpu_name GPU entry among the Container Apps usages of $location; check the quota yourself."
    say "$quota_help"
  else
    name=$(printf '%s\n' "$line" | cut -f2)
    current=$(printf '%s\n' "$line" | cut -f3 | cut -d. -f1)
    limit=$(printf '%s\n' "$line" | cut -f4 | cut -d. -f1)
    free=$((limit - current))
    if [ "$free" -lt 1 ]; then
      fail "no $gpu_name GPU quota left in $location ('$name': $current used of $limit). $quota_help"
    elif [ "$free" -lt 2 ]; then
      say "WARNING: '$name' in $location: $free GPU free ($current of $limit used); the job runs up to 2 executions at \
once (maxExecutions in infra/app/trainer.bicep), a second one waits. Ask for 2 for both to run."
    else
      say "'$name' in $location: $free GPUs free ($current of $limit used)."
    fi
  fi
else
  say "WARNING: could not read the Container Apps usages of $location, so the quota check is skipped:"
  sed 's/^/pre-provision:   /' "$errors"
  say "$quota_help"
fi
