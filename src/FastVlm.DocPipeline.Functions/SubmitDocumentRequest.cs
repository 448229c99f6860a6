namespace FastVlm.DocPipeline.Functions;

/// <summary>Body of <c>POST /api/documents</c>: a blob already in the incoming container.</summary>
public sealed record SubmitDocumentRequest
{
    /// <summary>Blob name inside the incoming container, e.g. <c>invoices/2026-001.pdf</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Schema name or path; the app's default (<c>Pipeline__Schema</c>) when omitted.</summary>
    public string? Schema { get; init; }

    /// <summary>Re-run a document that already completed (every run is kept).</summary>
    public bool Force { get; init; }
}
