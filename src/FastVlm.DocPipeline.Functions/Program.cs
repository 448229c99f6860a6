using FastVlm.DocPipeline.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// HTTP functions use HttpRequestData/HttpResponseData (no ASP.NET Core integration), so the plain
// Functions application builder is enough: no ConfigureFunctionsWebApplication.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddDocPipeline(builder.Configuration);
builder.Build().Run();
