using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.AspNetCore.Mvc;

namespace FastVlm.DocPipeline.Functions.Http;

/// <summary>HTTP responses in the app's one JSON shape (<see cref="PipelineJson"/>); errors as <c>{"error": {code, message}}</c>.</summary>
public static class ApiResults
{
    public static JsonResult Json(int status, object value) => new(value, PipelineJson.Options) { StatusCode = status };

    public static JsonResult Error(int status, string code, string message) => Json(status, new ApiError(new ErrorInfo(code, message)));

    /// <summary>Error body: the stable code and what to do.</summary>
    public sealed record ApiError(ErrorInfo Error);
}
