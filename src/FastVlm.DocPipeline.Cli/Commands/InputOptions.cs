using System.CommandLine;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>The input options shared by the commands that read documents (extract, eval).</summary>
internal static class InputOptions
{
    public static Option<bool> Recursive() =>
        new("--recursive", "-r") { Description = "Read folders to any depth (symbolic link cycles are followed once; unreadable folders are skipped with a warning). Without it a folder is read one level deep." };

    public static Option<string?> Password() =>
        new("--password") { Description = "Password of encrypted PDFs (every document without an entry in --password-file). Never logged or stored." };

    public static Option<string?> PasswordFile() =>
        new("--password-file") { Description = "JSON object mapping document paths (relative to this file's folder, or absolute) to their passwords, e.g. {\"scans/a.pdf\": \"secret\"}. Keep it chmod 600." };
}
