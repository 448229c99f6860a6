namespace FastVlm.DocPipeline.Functions.Http;

/// <summary>A request body the API cannot take: its HTTP status and stable code (<see cref="FunctionsErrorCodes"/>).</summary>
internal sealed class RequestBodyException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
