namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>A command-line value the user must fix; reported without a stack trace, exit code 1.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
