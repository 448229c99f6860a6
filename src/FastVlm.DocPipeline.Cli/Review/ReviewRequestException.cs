namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>An HTTP request the review server refuses before it reaches the review service: its status and stable code.</summary>
internal sealed class ReviewRequestException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
