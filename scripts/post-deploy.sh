#!/usr/bin/env bash
# Steps that need the deployed function app (run after the second `az deployment group create`, the one
# with appImage set; see docs/deployment.md), and as the azd hooks (scripts/azd/). Uses the az CLI and python3.
#  0. Grants the signed-in principal Storage Blob Data Contributor on the document account, waits until it applies,
#     and uploads the built-in schemas with it (--auth-mode login).
#  1. Uploads a model directory (Hugging Face layout: config.json, tokenizer.json, onnx/...) to the model share.
#  2. Subscribes the blob trigger to the storage account's Event Grid system topic: BlobCreated events for
#     *.pdf in the incoming container go to the Functions blob extension webhook. Its `blobs_extension`
#     system key exists only once the app has started, hence a post-deployment step (and the retries).
#
# Usage: scripts/post-deploy.sh <resource-group> [<local-model-directory>]
#   DEPLOYMENT_NAME   deployment whose outputs to read (default: main)
#   MODEL_DIRECTORY   folder name inside the share (default: the deployment's modelDirectory parameter)
#   POST_DEPLOY_STEPS which steps, of: access schemas model events (default: all four). `access`
#                     grants the signed-in principal (DEPLOYER_PRINCIPAL_ID, default: az ad signed-in-user)
#                     Storage Blob Data Contributor on the storage account and waits until uploads are allowed.
#   DEPLOYER_PRINCIPAL_TYPE  User (default) or ServicePrincipal, for that role assignment
#   OUTPUTS_FROM_ENV  1: read the deployment outputs from environment variables of the same names (azd hooks)
#   DRY_RUN           1: print the az commands that change something instead of running them
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

rg="${1:?usage: scripts/post-deploy.sh <resource-group> [<local-model-directory>]}"
model_source="${2:-}"
deployment="${DEPLOYMENT_NAME:-main}"
steps=" ${POST_DEPLOY_STEPS:-access schemas model events} "
trigger_function="IncomingDocumentTrigger"
blob_role="Storage Blob Data Contributor"

step() { [[ "$steps" == *" $1 "* ]]; }
change() { if [ "${DRY_RUN:-0}" = 1 ]; then echo "dry-run: az $*"; else az "$@"; fi; }
output() {
  if [ "${OUTPUTS_FROM_ENV:-0}" = 1 ]; then printf '%s\n' "${!1:-}"; return; fi
  az deployment group show -g "$rg" -n "$deployment" --query "properties.outputs.$1.value" -o tsv
}
parameter() {
  if [ "${OUTPUTS_FROM_ENV:-0}" = 1 ]; then return; fi
  az deployment group show -g "$rg" -n "$deployment" --query "properties.parameters.$1.value" -o tsv
}

app="$(output functionAppName)"
app_url="$(output functionAppUrl)"
topic="$(output eventGridSystemTopicName)"
incoming="$(output incomingContainer)"
model_account="$(output modelStorageAccountName)"
model_share="$(output modelShareName)"
model_directory="${MODEL_DIRECTORY:-$(parameter modelDirectory)}"
model_directory="${model_directory:-fastvlm-0.5b}"
storage_account="$(output storageAccountName)"

if step access; then
  if [ "${DRY_RUN:-0}" = 1 ]; then
    principal="${DEPLOYER_PRINCIPAL_ID:-signed-in-user}" scope="id-of-$storage_account" existing=""
  else
    principal="${DEPLOYER_PRINCIPAL_ID:-$(az ad signed-in-user show --query id -o tsv)}"
    scope="$(az storage account show -g "$rg" -n "$storage_account" --query id -o tsv)"
    existing="$(az role assignment list --assignee "$principal" --role "$blob_role" --scope "$scope" --query '[0].id' -o tsv)"
  fi
  if [ -z "$existing" ]; then
    echo "post-deploy: granting $principal '$blob_role' on $storage_account"
    change role assignment create --assignee-object-id "$principal" --assignee-principal-type "${DEPLOYER_PRINCIPAL_TYPE:-User}" \
      --role "$blob_role" --scope "$scope" -o none
  fi
  # Role assignments take minutes to reach the data plane: wait until a login-authenticated read succeeds.
  if [ "${DRY_RUN:-0}" != 1 ]; then
    for attempt in $(seq 1 30); do
      az storage blob list --auth-mode login --account-name "$storage_account" -c schemas --num-results 1 -o none 2>/dev/null && break
      [ "$attempt" = 30 ] && { echo "post-deploy: '$blob_role' for $principal has not taken effect after 10 minutes; run again later" >&2; exit 1; }
      echo "post-deploy: waiting for the role assignment to take effect ($attempt/30)"
      sleep 20
    done
  fi
fi

if step model && [ -n "$model_source" ]; then
  [ -f "$model_source/config.json" ] || { echo "post-deploy: $model_source has no config.json (expected a FastVLM ONNX export)" >&2; exit 1; }
  echo "post-deploy: uploading $model_source to $model_account/$model_share/$model_directory"
  key="$([ "${DRY_RUN:-0}" = 1 ] || az storage account keys list -g "$rg" -n "$model_account" --query '[0].value' -o tsv)"
  change storage directory create --account-name "$model_account" --account-key "$key" --share-name "$model_share" --name "$model_directory" -o none
  change storage file upload-batch --account-name "$model_account" --account-key "$key" \
    --destination "$model_share" --destination-path "$model_directory" --source "$model_source" -o none
  # Replicas load the model at start: restart the active revision so running ones pick it up.
  revision="$([ "${DRY_RUN:-0}" = 1 ] || az containerapp revision list -g "$rg" -n "$app" --query '[?properties.active].name | [0]' -o tsv)"
  [ -z "$revision" ] || change containerapp revision restart -g "$rg" -n "$app" --revision "$revision" -o none
fi

# The app reads schemas from the `schemas` container as {name}/{version}.json (never from a path over HTTP):
# upload the built-in ones, and any of yours in SCHEMAS_DIR.
for schema in "$root"/samples/schemas/*.json ${SCHEMAS_DIR:+"$SCHEMAS_DIR"/*.json}; do
  step schemas || break
  blob="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["name"] + "/" + str(d["version"]) + ".json")' "$schema")"
  echo "post-deploy: schema $blob"
  change storage blob upload --auth-mode login --account-name "$storage_account" -c schemas -n "$blob" -f "$schema" --overwrite -o none
done

step events || { echo "post-deploy: done"; exit 0; }
[ -n "$app" ] || { echo "post-deploy: no function app in deployment '$deployment' (deploy again with appImage set)" >&2; exit 1; }

echo "post-deploy: waiting for the blobs_extension system key of $app"
blobs_key=""
[ "${DRY_RUN:-0}" != 1 ] || blobs_key="dry-run-key"
for attempt in $(seq 1 30); do
  [ -z "$blobs_key" ] || break
  # Wake the app (it scales to zero) so the host starts and creates its system keys.
  curl -s -o /dev/null --max-time 30 "$app_url/" || true
  blobs_key="$(az containerapp function keys list -g "$rg" -n "$app" --key-type systemKey \
    --query "blobs_extension || [?name=='blobs_extension'].value | [0]" -o tsv 2>/dev/null || true)"
  [ -n "$blobs_key" ] && break
  sleep 20
done
[ -n "$blobs_key" ] || { echo "post-deploy: the blobs_extension key did not appear; check the app's logs (az containerapp logs show -g $rg -n $app)" >&2; exit 1; }

endpoint="$app_url/runtime/webhooks/blobs?functionName=Host.Functions.$trigger_function&code=$blobs_key"
echo "post-deploy: subscribing $trigger_function to BlobCreated *.pdf in '$incoming'"
change eventgrid system-topic event-subscription create -g "$rg" --system-topic-name "$topic" -n "incoming-pdf" \
  --endpoint-type webhook --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/$incoming/" \
  --subject-ends-with ".pdf" \
  --event-delivery-schema EventGridSchema \
  --max-delivery-attempts 30 --event-ttl 1440 -o none
echo "post-deploy: done. Upload a PDF:  az storage blob upload --auth-mode login --account-name $storage_account -c $incoming -f my.pdf -n my.pdf"
