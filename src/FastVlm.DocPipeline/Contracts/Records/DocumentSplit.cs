namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// Where a document cut out of a bundled file (<c>--split</c>) lies in it: the source file's document
/// (<see cref="SourceDocumentId"/>, which lists its parts) and the source pages, inclusive and 1-based. The part's
/// own pages are numbered from 1; its page <c>n</c> is source page <c>FirstPage + n - 1</c>.
/// </summary>
public sealed record DocumentSplit(string SourceDocumentId, int FirstPage, int LastPage)
{
    public int PageCount => LastPage - FirstPage + 1;

    /// <summary>The source page of the part's page <paramref name="page"/> (1-based).</summary>
    public int SourcePage(int page) => FirstPage + page - 1;
}
