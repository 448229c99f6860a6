using 'main.bicep'

// Under `azd`, its environment supplies AZURE_ENV_NAME, AZURE_PRINCIPAL_ID and, once a service
// has been deployed, SERVICE_FUNCTIONS_IMAGE_NAME (azd prefers this file over a main.parameters.json).
// The region is the resource group's (azd creates it in AZURE_LOCATION). Without azd the DOCPIPE_* variables, or
// these defaults, apply.
var underAzd = !empty(readEnvironmentVariable('AZURE_ENV_NAME', ''))

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'docpipe')
param gpuProfileType = readEnvironmentVariable('DOCPIPE_GPU_PROFILE', 'Consumption-GPU-NC8as-T4')
// Manual path: set after `az acr build` (docs/deployment.md), e.g. '<registry>.azurecr.io/docpipe-functions:1'.
// azd: a public Functions base image until `azd deploy` has pushed ours, so that the apps exist for it to update.
param appImage = readEnvironmentVariable('SERVICE_FUNCTIONS_IMAGE_NAME', readEnvironmentVariable('DOCPIPE_APP_IMAGE', underAzd ? 'mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0' : ''))
// The review app starts only on our image (its command is the docpipe CLI): under azd, from the second
// `azd provision` after the first `azd deploy`.
param reviewAppImage = readEnvironmentVariable('SERVICE_REVIEW_IMAGE_NAME', readEnvironmentVariable('SERVICE_FUNCTIONS_IMAGE_NAME', readEnvironmentVariable('DOCPIPE_APP_IMAGE', '')))
param minReplicas = 0
param maxReplicas = 2
param modelDirectory = readEnvironmentVariable('DOCPIPE_MODEL_DIRECTORY', 'fastvlm-0.5b')
param schemaName = readEnvironmentVariable('DOCPIPE_SCHEMA', 'invoice')
param deployerPrincipalId = readEnvironmentVariable('DOCPIPE_DEPLOYER_ID', readEnvironmentVariable('AZURE_PRINCIPAL_ID', ''))
param deployerPrincipalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')
param reviewAuthClientId = readEnvironmentVariable('DOCPIPE_REVIEW_CLIENT_ID', '')
