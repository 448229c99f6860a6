namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>A command-line value or setting the user must fix; reported as one line with its code, no stack trace, exit code 1.</summary>
internal sealed class CliUsageException(string code, string message) : Exception(message)
{
    public CliUsageException(string message)
        : this("usage", message)
    {
    }

    /// <summary>A stable, dotted code (<c>usage.threads</c>, <c>input.not_regular_file</c>, …).</summary>
    public string Code { get; } = code;
}
