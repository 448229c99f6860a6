namespace FastVlm.DocPipeline.Cli;

/// <summary>Process exit codes shared by every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Usage, configuration or bad-input error (the user can fix it).</summary>
    public const int UsageOrInput = 1;

    /// <summary>Some documents (or pages) failed; the rest completed.</summary>
    public const int PartialFailure = 2;

    /// <summary>An internal failure (a bug or an environment problem).</summary>
    public const int InternalError = 3;

    /// <summary>Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
