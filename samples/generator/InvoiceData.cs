namespace FastVlm.DocPipeline.Samples;

public sealed record LineItem(string Description, decimal Quantity, decimal UnitPrice)
{
    public decimal Amount => Math.Round(Quantity * UnitPrice, 2);
}

public sealed record InvoiceData(
    string Vendor,
    string[] VendorAddress,
    string Customer,
    string[] CustomerAddress,
    string InvoiceNumber,
    DateOnly InvoiceDate,
    DateOnly DueDate,
    string Currency,
    decimal TaxRate,
    IReadOnlyList<LineItem> Items,
    string? PurchaseOrder = null)
{
    public decimal Subtotal => Items.Sum(i => i.Amount);

    public decimal Tax => Math.Round(Subtotal * TaxRate, 2, MidpointRounding.AwayFromZero);

    public decimal Total => Subtotal + Tax;

    /// <summary>The ground truth an extractor should produce (amounts as invariant decimal strings).</summary>
    public Dictionary<string, object> Truth() => new()
    {
        ["vendor"] = Vendor,
        ["vendorAddress"] = string.Join(", ", VendorAddress.Where(line => !line.Contains(" ID ", StringComparison.Ordinal))),
        ["customer"] = Customer,
        ["invoiceNumber"] = InvoiceNumber,
        ["invoiceDate"] = InvoiceDate.ToString("yyyy-MM-dd"),
        ["dueDate"] = DueDate.ToString("yyyy-MM-dd"),
        ["purchaseOrder"] = PurchaseOrder ?? string.Empty,
        ["currency"] = Currency,
        ["subtotal"] = Money.Invariant(Subtotal),
        ["taxRate"] = (TaxRate * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        ["tax"] = Money.Invariant(Tax),
        ["total"] = Money.Invariant(Total),
        ["lineItemCount"] = Items.Count,
        ["lineItems"] = Items.Select(i => new Dictionary<string, object>
        {
            ["description"] = i.Description,
            ["quantity"] = Money.Invariant(i.Quantity),
            ["unitPrice"] = Money.Invariant(i.UnitPrice),
            ["amount"] = Money.Invariant(i.Amount),
        }).ToList(),
    };
}

public static class Money
{
    public static string Invariant(decimal value) => value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>As printed on the documents: thousands separators, two decimals, currency code in front.</summary>
    public static string Print(string currency, decimal value) =>
        currency + " " + value.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
}
