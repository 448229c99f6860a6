namespace FastVlm.DocPipeline.Functions;

/// <summary>Body of <c>POST /api/documents</c>: a blob already in the incoming container.</summary>
public sealed record SubmitDocumentRequest
{
    /// <summary>Blob name inside the incoming container, e.g. <c>invoices/2026-001.pdf</c>.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Schema name in the schemas container (<c>invoice</c> or <c>invoice@1.0</c>); the default for the blob's
    /// prefix (<c>Pipeline__DefaultSchemas</c>, else <c>Pipeline__Schema</c>) when omitted. Never a path.
    /// </summary>
    public string? Schema { get; init; }

    /// <summary>Re-run a document that already completed (every run is kept).</summary>
    public bool Force { get; init; }
}
