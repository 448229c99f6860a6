using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace FastVlm.DocPipeline.Samples;

/// <summary>
/// One PDF that bundles three documents, as a scanner batch does: the simple invoice, the receipt and the
/// two-page invoice, their pages copied unchanged. The truth lists each document's page range, schema and fields.
/// </summary>
public static class BundleSample
{
    public const string Name = "bundle-invoice-receipt-invoice";

    public static Sample Create()
    {
        var parts = new (Sample Sample, string Schema)[]
        {
            (SampleSet.Invoice(), "invoice"),
            (SampleSet.Receipt(), "receipt"),
            (SampleSet.MultiPageInvoice(), "invoice"),
        };
        var documents = new List<Dictionary<string, object>>();
        var pdf = SampleSet.Pdf(bundle =>
        {
            foreach (var (sample, schema) in parts)
            {
                using var source = PdfReader.Open(new MemoryStream(sample.Pdf), PdfDocumentOpenMode.Import);
                var firstPage = bundle.PageCount + 1;
                foreach (var page in source.Pages)
                {
                    bundle.AddPage(page);
                }

                documents.Add(new Dictionary<string, object>
                {
                    ["sample"] = sample.Name,
                    ["schema"] = schema,
                    ["firstPage"] = firstPage,
                    ["lastPage"] = bundle.PageCount,
                    ["truth"] = sample.Truth.Where(entry => entry.Key != "truthBoxes").ToDictionary(entry => entry.Key, entry => entry.Value),
                });
            }
        });
        return new Sample(Name, pdf, new Dictionary<string, object>
        {
            ["pageCount"] = documents.Sum(d => (int)d["lastPage"] - (int)d["firstPage"] + 1),
            ["documents"] = documents,
        });
    }
}
