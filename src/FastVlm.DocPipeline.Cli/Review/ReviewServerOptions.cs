namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>Where <c>docpipe review</c> reads and writes, and the loopback port it listens on (0: any free port).</summary>
internal sealed class ReviewServerOptions
{
    public const string CsrfHeader = "X-Docpipe-Review";

    public const int MaxValueLength = 4000;

    public required string DataDirectory { get; init; }

    public int Port { get; init; } = 5088;

    /// <summary>Who is saving corrections (locally: the OS user).</summary>
    public string Reviewer { get; init; } = Environment.UserName;
}
