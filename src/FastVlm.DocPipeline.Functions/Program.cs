using FastVlm.DocPipeline.Functions;
using FastVlm.DocPipeline.Functions.Events;
using FastVlm.DocPipeline.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddDocPipeline(builder.Configuration);
builder.Services.AddDocPipelineTelemetry(builder.Configuration);
builder.Services.AddDocPipelineCompletionEvents(builder.Configuration);
builder.Build().Run();
