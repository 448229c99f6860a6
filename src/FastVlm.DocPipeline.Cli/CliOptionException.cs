using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Cli;

/// <summary>A command-line value the user must fix, with a stable code (<see cref="CliErrorCodes"/>); one line on stderr, exit code 1.</summary>
internal sealed class CliOptionException(string code, string message) : DocPipelineException(code, message);
