namespace FastVlm.DocPipeline.Contracts;

/// <summary>
/// Base class of every error the pipeline reports on purpose. <see cref="Code"/> is stable
/// (for example <c>pdf.encrypted</c>, <c>model.missing_file</c>) and is what later layers store.
/// </summary>
public class DocPipelineException : Exception
{
    public DocPipelineException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
    }

    /// <summary>Stable, machine-readable error code: <c>area.reason</c>.</summary>
    public string Code { get; }

    /// <summary>True when retrying the same operation may succeed (I/O hiccups, throttling).</summary>
    public virtual bool IsTransient => false;
}
