using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// A schema failed validation. <see cref="Errors"/> lists every problem, each starting with the path of
/// the offending value (<c>fields[3].type: unknown type 'datee' …</c>). Characters a reader cannot see are
/// written as their code point (<c>&lt;U+200B&gt;</c>, see <see cref="VisibleText"/>) in the source and every error.
/// </summary>
public sealed class SchemaValidationException : DocPipelineException
{
    public SchemaValidationException(string source, IReadOnlyList<string> errors)
        : base(ExtractionErrorCodes.SchemaInvalid, BuildMessage(source, errors))
    {
        Source = source;
        Errors = errors.Select(VisibleText.Of).ToArray();
    }

    /// <summary>Where the schema came from (file path or embedded name).</summary>
    public new string Source { get; }

    public IReadOnlyList<string> Errors { get; }

    private static string BuildMessage(string source, IReadOnlyList<string> errors) =>
        $"Schema '{VisibleText.Of(source)}' is invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}); fix these and retry:"
        + string.Concat(errors.Select(e => Environment.NewLine + "  " + VisibleText.Of(e)));
}
