namespace FastVlm.DocPipeline.Events;

/// <summary>How completion events say where a document's stored result is, per result store.</summary>
public static class ResultLocations
{
    /// <summary>The Cosmos DB resource URI of the document's item: <c>{endpoint}dbs/{db}/colls/{container}/docs/{id}</c>.</summary>
    public static string CosmosItem(Uri endpoint, string database, string container, string documentId)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new Uri(endpoint, $"dbs/{Uri.EscapeDataString(database)}/colls/{Uri.EscapeDataString(container)}/docs/{Uri.EscapeDataString(documentId)}").ToString();
    }

    /// <summary>The file URI of the document's <c>document.json</c> under a file store's root.</summary>
    public static string File(string root, string documentId) =>
        new Uri(Path.Combine(Path.GetFullPath(root), "documents", documentId, "document.json")).ToString();
}
