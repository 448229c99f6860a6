namespace FastVlm.DocPipeline.Samples;

/// <summary>A long, realistic text-and-table document: the samples' invoices repeated with varied line items.</summary>
public static class BenchDocument
{
    public static byte[] Create(int pages)
    {
        var items = new List<LineItem>();
        var random = new Random(1234);
        var words = new[] { "bracket", "steel", "assembly", "cable", "module", "sensor", "panel", "valve", "filter", "housing", "gasket", "relay" };
        // About 41 rows fit a Letter page after the first; make more and drop the surplus pages.
        for (var i = 0; i < pages * 45; i++)
        {
            var name = $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]} type {random.Next(100, 999)}-{(char)('A' + random.Next(26))}";
            items.Add(new LineItem(name, random.Next(1, 50), random.Next(100, 99999) / 100m));
        }

        var invoice = new InvoiceData(
            "Fabrikam Industrial Parts Inc.", ["4400 Commerce Drive", "Columbus, OH 43219, USA"],
            "Woodgrove Manufacturing LLC", ["800 Riverside Avenue", "Dayton, OH 45402, USA"],
            "FIP-BENCH", new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 30), "USD", 0.0725m, items);
        return SampleSet.Pdf(document =>
        {
            InvoiceRenderer.Render(document, invoice, PageSizeSpec.Letter);
            while (document.PageCount > pages)
            {
                document.Pages.RemoveAt(document.PageCount - 1);
            }
        });
    }
}
