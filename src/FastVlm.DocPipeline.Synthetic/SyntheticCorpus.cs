namespace FastVlm.DocPipeline.Synthetic;

/// <summary>Built-in text the tiny tokenizer learns its merges from: document vocabulary, a few scripts.</summary>
internal static class SyntheticCorpus
{
    public const string Text = """
        Invoice number INV-2024-0193 was issued on 12 March 2024 by Contoso Ltd to Fabrikam Inc.
        The total amount due is 1,234.56 EUR, payable within thirty days of the invoice date.
        Please answer the question using a single word or phrase. What is the invoice number?
        What is the total amount? Who is the vendor? When is the payment due? What is the date?
        The document contains a table with the description, the quantity, the unit price and the amount.
        Shipping address: 221B Baker Street, London. Billing address: One Microsoft Way, Redmond.
        The receipt shows the subtotal, the tax, the tip and the total. Thank you for your purchase!
        You are a helpful assistant. The user asks about the page and the assistant answers briefly.
        Rechnung Nummer 4711 vom 3. Mai, Gesamtbetrag 99,90 Euro. Facture numéro 58, montant total 120 €.
        Le document présente la date, le nom du fournisseur et le montant. Número de factura: 2048.
        領収書 合計金額 日付 会社名 請求書. Счёт на оплату, итого к оплате. فاتورة رقم ١٢٣.
        The answer is yes. The answer is no. The answer is the name of the company at the top of the page.
        Signature, stamp, date of delivery, order number, customer number, account number, reference.
        """;
}
