#!/bin/sh
# azd hook after `azd deploy`: uploads the model (DOCPIPE_MODEL_SOURCE, a local FastVLM ONNX export; unset:
# skipped) and subscribes the blob trigger to Event Grid once the app runs the deployed image.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
MODEL_DIRECTORY="${MODEL_DIRECTORY:-${DOCPIPE_MODEL_DIRECTORY:-}}" \
POST_DEPLOY_STEPS="model events" OUTPUTS_FROM_ENV=1 \
  exec bash "$here/../post-deploy.sh" "${AZURE_RESOURCE_GROUP:?azd sets AZURE_RESOURCE_GROUP}" "${DOCPIPE_MODEL_SOURCE:-}"
