#!/bin/sh
# azd hook after `azd provision`: grants the signed-in principal blob data access (waiting until it takes
# effect) and uploads the built-in schemas. azd passes the Bicep outputs and azd env values as variables.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
DEPLOYER_PRINCIPAL_ID="${DEPLOYER_PRINCIPAL_ID:-${AZURE_PRINCIPAL_ID:-}}" \
DEPLOYER_PRINCIPAL_TYPE="${DEPLOYER_PRINCIPAL_TYPE:-${AZURE_PRINCIPAL_TYPE:-User}}" \
POST_DEPLOY_STEPS="access schemas" OUTPUTS_FROM_ENV=1 \
  exec bash "$here/../post-deploy.sh" "${AZURE_RESOURCE_GROUP:?azd sets AZURE_RESOURCE_GROUP}"
