-- All invoices issued by one vendor, newest first.
-- docpipe query samples/queries/invoices-of-vendor.sql -p vendor="Contoso Ltd"
SELECT c.documentId, c.source.name AS file, c.fields.invoiceNumber["value"] AS invoiceNumber,
       c.fields.invoiceDate["value"] AS invoiceDate, c.fields.total["value"] AS total, c.fields.total.currency AS currency
FROM c
WHERE c.type = 'document' AND c.status = 'completed' AND c.fields.vendorName["value"] = @vendor
ORDER BY c.fields.invoiceDate["value"] DESC
