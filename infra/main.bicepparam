using 'main.bicep'

param environmentName = 'docpipe'
param gpuProfileType = 'Consumption-GPU-NC8as-T4'
// Set after `az acr build` (README "Deploy to Azure", step 4), e.g. '<registry>.azurecr.io/docpipe-functions:1'.
param appImage = readEnvironmentVariable('DOCPIPE_APP_IMAGE', '')
param minReplicas = 0
param maxReplicas = 2
param modelDirectory = 'fastvlm-0.5b'
param schemaName = 'invoice'
param deployerPrincipalId = readEnvironmentVariable('DOCPIPE_DEPLOYER_ID', '')
