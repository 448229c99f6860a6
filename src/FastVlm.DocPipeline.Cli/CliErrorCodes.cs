namespace FastVlm.DocPipeline.Cli;

/// <summary>Stable codes of command-line errors.</summary>
internal static class CliErrorCodes
{
    public const string InvalidOption = "cli.invalid_option";
    public const string QueryFileNotFound = "query.file_not_found";
    public const string QueryEmpty = "query.empty";
    public const string QueryBadParameter = "query.bad_parameter";
    public const string QueryMissingParameter = "query.missing_parameter";
}
